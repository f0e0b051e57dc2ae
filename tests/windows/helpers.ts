/**
 * Helpers for the tests that run on the Windows deno.exe under Wine: running
 * leasectl in a child process against the Iphlpapi test double or wine's own
 * Iphlpapi, and reading what the double received.
 */

import { fileURLToPath } from "node:url";

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The test double, built by tests/windows/setup.sh. */
export const DOUBLE_DLL = local("../../.cache/windows/build/iphlpapi_double.dll");
/** The ipconfig.exe double, built by tests/windows/setup.sh. */
export const IPCONFIG_DOUBLE = local("../../.cache/windows/build/ipconfig_double.exe");
/** The CLI under test. */
export const CLI = local("../../cli.ts");
/** A path inside the project. */
export const projectPath = (path: string): string => local(`../../${path}`);

/** One release or renew the double received, as it logged it. */
export interface LoggedCall {
  api: string;
  index: number;
  name: string;
  /** How many release/renew calls were running as this one began, itself included. */
  inFlight: number;
  /** When the double logged it, in ms since 1970. */
  at: number;
}

/** What a child process did. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds until it exited. */
  ms: number;
  /** The release/renew calls the double logged during the run. */
  calls: LoggedCall[];
}

/** How to run a child: against the double (with a scenario and a state file) or wine's own DLL. */
export interface RunOptions {
  scenario?: string;
  state?: string;
  /** "system" for wine's Iphlpapi; a path for any other DLL; the double by default. */
  iphlpapi?: string;
  /** Deno permission flags; --allow-ffi --allow-env by default. */
  permissions?: string[];
  /** More environment: LEASECTL_DOUBLE_CODE, LEASECTL_IPCONFIG… */
  env?: Record<string, string>;
}

/** Reads the double's call log. */
export async function readLog(path: string): Promise<LoggedCall[]> {
  const text = await Deno.readTextFile(path).catch(() => "");
  // The change notifications' own lines (notify.c) are not calls: tests of watch read them from the file.
  const notification =
    /^(notify|NotifyUnicastIpAddressChange|NotifyIpInterfaceChange|NotifyRouteChange2|CancelMibChangeNotify2)\t/;
  return text.split("\n").filter((line) => line && !notification.test(line)).map((line) => {
    const [api, index, name, inFlight, at] = line.replace(/\r$/, "").split("\t");
    return { api, index: Number(index), name, inFlight: Number(inFlight), at: Number(at) };
  });
}

/** Runs `script` with `args` in a child deno.exe and reports what it did. */
export async function runScript(script: string, args: string[], options: RunOptions = {}): Promise<Run> {
  const log = await Deno.makeTempFile({ prefix: "leasectl-log-" });
  const iphlpapi = options.iphlpapi === "system" ? "" : options.iphlpapi ?? DOUBLE_DLL;
  const started = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...(options.permissions ?? ["--allow-ffi", "--allow-env"]), script, ...args],
    env: {
      LEASECTL_IPHLPAPI: iphlpapi,
      LEASECTL_DOUBLE_SCENARIO: options.scenario ?? "standard",
      LEASECTL_DOUBLE_STATE: options.state ?? "",
      LEASECTL_DOUBLE_LOG: log,
      // The double is dnsapi too (it exports DnsFlushResolverCache), so that its log orders flushdns.
      LEASECTL_DNSAPI: iphlpapi,
      LEASECTL_IPCONFIG: IPCONFIG_DOUBLE,
      NO_COLOR: "1",
      ...options.env,
    },
  }).output();
  const ms = performance.now() - started;
  const calls = await readLog(log);
  await Deno.remove(log);
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replaceAll("\r\n", "\n");
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr), ms, calls };
}

/** Runs the leasectl CLI with `args`. */
export const leasectl = (args: string[], options: RunOptions = {}): Promise<Run> =>
  runScript(CLI, args, options);

/** A fresh, empty state file for the double, so that a release is seen by the next process. */
export const newState = (): Promise<string> => Deno.makeTempFile({ prefix: "leasectl-state-" });

/** The double's device name for an interface index. */
export const deviceName = (index: number): string =>
  `\\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-${index.toString(16).toUpperCase().padStart(12, "0")}}`;
