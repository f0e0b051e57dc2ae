/**
 * Helpers for the tests that run on the Windows deno.exe under Wine: running
 * leasectl in a child process against the Iphlpapi test double or wine's own
 * Iphlpapi, and reading what the double received.
 */

import { CLI, DOUBLE_DLL, IPCONFIG_DOUBLE } from "../../harness/paths.ts";

/**
 * Where the suite's files go: the folder tests/windows/run.sh gives it and removes at the end,
 * pass or fail. (Wine sets %TEMP% itself, to the prefix's C:\users\root\Temp, which nothing cleans.)
 */
const TEMP_DIR = Deno.env.get("LEASECTL_TEST_TEMP") || undefined;
/** A new empty file in the suite's folder. */
export const tempFile = (prefix: string, suffix?: string): Promise<string> =>
  Deno.makeTempFile({ dir: TEMP_DIR, prefix, suffix });
/** A new empty folder in the suite's folder. */
export const tempDir = (prefix: string): Promise<string> => Deno.makeTempDir({ dir: TEMP_DIR, prefix });

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
  /**
   * The run is not meant to reach the double: it stops at a permission error first, or shows
   * that the double is ignored. Otherwise a run against the double throws unless the double
   * answered, so that a silent fall-back to wine's own Iphlpapi fails loudly.
   */
  doubleUnused?: boolean;
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
  const [log, answered] = [await tempFile("leasectl-log-"), await tempFile("leasectl-answered-")];
  try {
    const iphlpapi = options.iphlpapi === "system" ? "" : options.iphlpapi ?? DOUBLE_DLL;
    const started = performance.now();
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        ...(options.permissions ?? ["--allow-ffi", "--allow-env"]),
        script,
        ...args,
      ],
      env: {
        LEASECTL_IPHLPAPI: iphlpapi,
        LEASECTL_DOUBLE_SCENARIO: options.scenario ?? "standard",
        LEASECTL_DOUBLE_STATE: options.state ?? "",
        LEASECTL_DOUBLE_LOG: log,
        LEASECTL_DOUBLE_ANSWERED: answered,
        // The double is dnsapi too (it exports DnsFlushResolverCache), so that its log orders flushdns.
        LEASECTL_DNSAPI: iphlpapi,
        LEASECTL_IPCONFIG: IPCONFIG_DOUBLE,
        NO_COLOR: "1",
        ...options.env,
      },
    }).output();
    const ms = performance.now() - started;
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replaceAll("\r\n", "\n");
    const run = { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr), ms };
    const meantForDouble = options.iphlpapi === undefined && !options.doubleUnused;
    if (meantForDouble && (await Deno.readTextFile(answered)) === "") {
      throw new Error(
        `the Iphlpapi double never answered ${script} ${args.join(" ")}: ${JSON.stringify(run)}`,
      );
    }
    return { ...run, calls: await readLog(log) };
  } finally {
    await Promise.all([Deno.remove(log), Deno.remove(answered)]);
  }
}

/** Runs the leasectl CLI with `args`. */
export const leasectl = (args: string[], options: RunOptions = {}): Promise<Run> =>
  runScript(CLI, args, options);

/** A fresh, empty state file for the double, so that a release is seen by the next process. */
export const newState = (): Promise<string> => tempFile("leasectl-state-");

/** The double's device name for an interface index. */
export const deviceName = (index: number): string =>
  `\\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-${index.toString(16).toUpperCase().padStart(12, "0")}}`;
