#!/usr/bin/env -S deno run --allow-ffi
/**
 * The leasectl command line: `list`, `release`, `renew`, `release6`, `renew6`,
 * `cycle` and `flushdns`, as ipconfig has them, with JSON output and exit codes
 * that scripts can rely on.
 *
 * ```sh
 * deno run --allow-ffi jsr:@leasectl/leasectl/cli renew "Ethernet*" --timeout 60 --wait 30
 * ```
 *
 * It uses `node:` modules for its arguments, streams, files and exit code, so
 * that the same file runs in the npm build on Node.
 *
 * @module
 */

import process from "node:process";
import { parseArgs } from "node:util";
import {
  AdapterNotFoundError,
  type AdapterOutcome,
  type Backend,
  cycle,
  type CycleResult,
  DecodeError,
  flushDns,
  hostInfo,
  InvalidArgumentError,
  LibraryLoadError,
  listAdapters,
  type Operation,
  type OperationResult,
  PermissionError,
  release,
  release6,
  renew,
  renew6,
  ReturnValue,
  UnsupportedPlatformError,
  VERSION,
  watch,
  Win32Error,
} from "./mod.ts";
import { ELEVATE, isAccessDenied } from "./ffi/win32_errors.ts";
import { safeForTerminal, shown, shownInMessage } from "./lib/escape.ts";
import { openLogWithoutLinks } from "./lib/log_target.ts";

/** Exit statuses, as DESIGN.md's contract has them. */
export const ExitCode = {
  Success: 0,
  OperationFailed: 1,
  Usage: 2,
  Environment: 3,
  Interrupted: 130,
} as const;

/** Where the CLI writes, and which native calls it uses; tests pass their own. */
export interface CliIo {
  /** Writes to standard output, resolving once the text is handed over. */
  stdout(text: string): Promise<void>;
  /** Writes to standard error, resolving once the text is handed over. */
  stderr(text: string): Promise<void>;
  /** The native calls to use; the system's DLLs by default. */
  backend?: Backend;
  /**
   * Called once a cycle's release has begun, with what to do on Ctrl-C; returns
   * a function that stops listening. By default, the process's SIGINT and SIGHUP.
   */
  onInterrupt?: (handler: () => void) => () => void;
}

const USAGE = `Usage: leasectl <command> [ADAPTER] [options]

Releases and renews DHCP leases on Windows through Iphlpapi.dll.

Commands:
  list [ADAPTER]      Show adapters, their addresses and leases (ipconfig /all)
  release [ADAPTER]   Release the DHCP lease (ipconfig /release)
  renew [ADAPTER]     Renew the DHCP lease (ipconfig /renew)
  release6 [ADAPTER]  Release the DHCPv6 lease (ipconfig /release6)
  renew6 [ADAPTER]    Renew the DHCPv6 lease (ipconfig /renew6)
  cycle [ADAPTER]     Release, flush the DNS cache and renew, in one go
  flushdns            Empty the DNS resolver cache (ipconfig /flushdns)
  watch [ADAPTER]     Print address and interface changes as they happen,
                      until Ctrl-C or --timeout

ADAPTER is a friendly name, where * and ? are wildcards ("Ethernet*"), an
interface index, or a GUID. Without it, release, renew and cycle act on every
DHCP-enabled adapter, release6 and renew6 on every IPv6-enabled one.

Options:
  --json               Print JSON instead of text
  --dry-run            Show what would be done, and do nothing
  --timeout SECONDS    Stop waiting for the calls after SECONDS (default 300);
                       adapters still waiting are reported as failed with 1460;
                       watch ends after SECONDS, with exit status 0
  --wait SECONDS       After renew, wait up to SECONDS until each adapter has a
                       preferred address and its gateway (renew, cycle)
  --log FILE           Append each adapter's outcome to FILE as a JSON line, as
                       it is known (release, renew, release6, renew6, cycle)
  -h, --help           Show this help
  -V, --version        Show the version

release6 and renew6 run the system's ipconfig.exe: in Deno, add --allow-run.
Exit status: 0 success (skipped adapters included); 1 an operation failed;
2 usage error or no adapter matched; 3 leasectl cannot run here (not Windows,
a missing permission, or a library that will not load); 130 stopped by a
second Ctrl-C.
`;

const COMMANDS = ["list", "release", "renew", "release6", "renew6", "cycle", "flushdns", "watch"] as const;
type Command = typeof COMMANDS[number];

/** Which command takes which option. */
const TAKES: Record<string, readonly Command[]> = {
  "dry-run": ["release", "renew", "release6", "renew6", "cycle"],
  timeout: ["release", "renew", "release6", "renew6", "cycle", "watch"],
  wait: ["renew", "cycle"],
  log: ["release", "renew", "release6", "renew6", "cycle"],
};

/** Decimal seconds: "30", "2.5", ".5"; not "0x10", "1e3" or " 5 ". */
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

class UsageError extends Error {
  override name = "UsageError";
}

/** What the command line asks for. */
type Request =
  | { command: "help" }
  | { command: "version" }
  | {
    command: Command;
    adapter: string | undefined;
    json: boolean;
    dryRun: boolean;
    timeout: number | undefined;
    wait: number | undefined;
    log: string | undefined;
  };

const list = (items: readonly string[]) =>
  items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

function seconds(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!DECIMAL.test(value) || Number(value) <= 0) {
    throw new UsageError(
      `--${option} takes a number of seconds above 0, such as 30; got "${shownInMessage(value)}".`,
    );
  }
  return Number(value);
}

function parse(args: string[]): Request {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean" },
        "dry-run": { type: "boolean" },
        timeout: { type: "string" },
        wait: { type: "string" },
        log: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "V" },
      },
    });
  } catch (error) {
    const message = String((error as Error).message);
    // A value error: the value is missing, or looks like an option ("-1"). parseArgs quotes the option,
    // with " <value>" after it where the value is missing.
    const valued = (error as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
      ? /'--(timeout|wait|log)(?: <value>)?'/.exec(message)?.[1]
      : undefined;
    if (valued === "log") throw new UsageError("--log takes the path of a file to append to.");
    if (valued) throw new UsageError(`--${valued} takes a number of seconds above 0, such as 30.`);
    // Otherwise parseArgs' first sentence names the option; its advice about "--" does not apply here.
    const first = message.split(/(?<=\.)\s/)[0].replace(/\.$/, "");
    throw new UsageError(`${shownInMessage(first)}.`);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  if (command === undefined) throw new UsageError("No command given.");
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(
      `Unknown command "${shownInMessage(command)}". The commands are ${COMMANDS.join(", ")}.`,
    );
  }
  const maxAdapters = command === "flushdns" ? 0 : 1;
  if (rest.length > maxAdapters) {
    throw new UsageError(
      maxAdapters
        ? `${command} takes at most one adapter, and got ${rest.length}. Quote a name that has spaces.`
        : `${command} takes no adapter.`,
    );
  }
  for (const [option, commands] of Object.entries(TAKES)) {
    if (values[option as keyof typeof values] !== undefined && !commands.includes(command as Command)) {
      throw new UsageError(`--${option} applies only to ${list(commands)}.`);
    }
  }
  return {
    command: command as Command,
    adapter: rest[0],
    json: values.json ?? false,
    dryRun: values["dry-run"] ?? false,
    timeout: seconds("timeout", values.timeout),
    wait: seconds("wait", values.wait),
    log: values.log,
  };
}

/** JSON as it is printed: DEL and C1 controls, which JSON.stringify leaves raw, escaped too (same value parsed). */
function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The `--log` file: opened for appending (created if missing, never truncated)
 * before anything is done, so that a missing permission stops leasectl first.
 * Each line is flushed to disk as it is written.
 */
class OutcomeLog {
  readonly #fs: typeof import("node:fs");
  readonly #fd: number;

  private constructor(fs: typeof import("node:fs"), fd: number) {
    this.#fs = fs;
    this.#fd = fd;
  }

  /** Opens `path`; node:fs loads only here, so that a run without --log starts sooner. */
  static async open(path: string): Promise<OutcomeLog> {
    const fs = await import("node:fs");
    try {
      return new OutcomeLog(fs, openLogWithoutLinks(fs, path));
    } catch (error) {
      if (error instanceof InvalidArgumentError || error instanceof PermissionError) throw error;
      const name = (error as Error).name, code = (error as { code?: string }).code;
      if (name === "NotCapable" || name === "PermissionDenied" || code === "ERR_ACCESS_DENIED") {
        throw new PermissionError(
          // The path whole (escaped, not cut): the flag must name exactly this file.
          `leasectl was not given permission to write its log to ${shown(path)}. In Deno, add ` +
            `--allow-write=${shown(path)}; under Node's --permission, --allow-fs-write=${shown(path)}.`,
        );
      }
      throw new InvalidArgumentError(
        `leasectl cannot open the log file ${shownInMessage(path)} (${(error as Error).message}). ` +
          "Give the path of a file in a folder that exists.",
      );
    }
  }

  /** Appends one JSON line and flushes it to disk; a failed write never stops the work. */
  write(value: unknown): void {
    try {
      this.#fs.writeSync(this.#fd, `${jsonText(value)}\n`);
      this.#fs.fsyncSync(this.#fd);
    } catch {
      // The log is a record for later; the operation itself goes on.
    }
  }

  close(): void {
    try {
      this.#fs.closeSync(this.#fd);
    } catch {
      // already closed
    }
  }
}

type OperationRequest = Extract<Request, { adapter: string | undefined }>;

const LEASE_CALLS: Record<Exclude<Operation, "renew">, typeof release> = { release, release6, renew6 };

async function runLeaseCommand(
  request: OperationRequest,
  io: CliIo,
  text: typeof import("./lib/cli_text.ts") | undefined,
) {
  const { command, adapter, backend, dryRun, timeout, wait } = { ...request, backend: io.backend };
  const log = request.log === undefined ? undefined : await OutcomeLog.open(request.log);
  const pending: Promise<void>[] = [];
  const show = (line: string) => void pending.push(io.stdout(line));
  const logged = (operation: Operation) => (outcome: AdapterOutcome) => {
    log?.write({ operation, ...outcome });
    if (text) show(text.describeOutcome(operation, outcome));
  };
  try {
    if (command === "cycle") return await runCycle(request, io, text, log, show, pending);
    const operation = command as Operation;
    const options = { backend, dryRun, timeout, onAdapter: logged(operation) };
    const result: OperationResult = operation === "renew"
      ? await renew(adapter, { ...options, wait })
      : await LEASE_CALLS[operation](adapter, options);
    log?.write(result);
    await Promise.all(pending);
    await io.stdout(text ? text.describeResult(result, dryRun) : `${jsonText(result, 2)}\n`);
    if (text && result.adapters.some((outcome) => isAccessDenied(outcome.code))) {
      await io.stderr(`${ELEVATE}\n`);
    }
    return result.returnValue === ReturnValue.Success ? ExitCode.Success : ExitCode.OperationFailed;
  } finally {
    log?.close();
  }
}

const FINISHING =
  "leasectl is finishing the cycle, so that no adapter is left without an address: the renew " +
  "will still run. Press Ctrl-C again to stop now.\n";

/** Listens for Ctrl-C, and for SIGHUP (a console closing) where the runtime reports it. */
function listenToProcess(handler: () => void): () => void {
  const signals = (["SIGINT", "SIGHUP"] as const).filter((signal) => {
    try {
      process.on(signal, handler);
      return true;
    } catch {
      return false; // Deno on Windows reports SIGINT and SIGBREAK only
    }
  });
  return () => signals.forEach((signal) => process.off(signal, handler));
}

async function runCycle(
  request: OperationRequest,
  io: CliIo,
  text: typeof import("./lib/cli_text.ts") | undefined,
  log: OutcomeLog | undefined,
  show: (line: string) => void,
  pending: Promise<void>[],
): Promise<number> {
  let interrupts = 0, stopListening: (() => void) | undefined;
  const interrupted = () => {
    if (++interrupts > 1) process.exit(ExitCode.Interrupted);
    void io.stderr(FINISHING);
  };
  let result: CycleResult;
  try {
    result = await cycle(request.adapter, {
      backend: io.backend,
      dryRun: request.dryRun,
      timeout: request.timeout,
      wait: request.wait,
      onStep(step) {
        // Once a release has begun, only a second Ctrl-C may stop the renew that follows it.
        if (step === "release" && !request.dryRun) {
          stopListening = (io.onInterrupt ?? listenToProcess)(interrupted);
        }
        if (text) show(`${STEP_HEADINGS[step]}\n`);
      },
      onAdapter(step, outcome) {
        log?.write({ operation: step, ...outcome });
        if (text) show(text.describeOutcome(step, outcome));
      },
      onFlush(flushed) {
        if (text) show(text.describeFlush(flushed));
      },
    });
  } finally {
    stopListening?.();
  }
  log?.write(result);
  await Promise.all(pending);
  await io.stdout(text ? text.describeCycle(result) : `${jsonText(result, 2)}\n`);
  const failed = result.returnValue !== ReturnValue.Success || result.flushdns.status === "failed";
  return failed ? ExitCode.OperationFailed : ExitCode.Success;
}

const STEP_HEADINGS = {
  release: "Releasing:",
  flushdns: "Flushing the DNS Resolver Cache:",
  renew: "Renewing:",
};

async function run(request: Request, io: CliIo): Promise<number> {
  if (request.command === "help") {
    await io.stdout(USAGE);
    return ExitCode.Success;
  }
  if (request.command === "version") {
    await io.stdout(`leasectl ${VERSION}\n`);
    return ExitCode.Success;
  }
  const { command, adapter, json } = request;
  if (command === "watch") return await runWatch(request, io);
  const backend = io.backend;
  // The human wording loads only when it is used: a script that asks for JSON starts sooner.
  const text = json ? undefined : await import("./lib/cli_text.ts");
  if (command === "list") {
    const adapters = await listAdapters(adapter, { backend });
    if (!text) {
      await io.stdout(`${jsonText(adapters, 2)}\n`);
      return ExitCode.Success;
    }
    // The host section heads the whole list, as in ipconfig /all; without it the adapters still show.
    const host = adapter === undefined ? await hostInfo({ backend }).catch(() => undefined) : undefined;
    await io.stdout(text.describeList(adapters, host));
    return ExitCode.Success;
  }
  if (command === "flushdns") {
    await flushDns({ backend });
    await io.stdout(
      json ? `${jsonText({ operation: "flushdns", status: "done" })}\n` : "Flushed the DNS Resolver Cache.\n",
    );
    return ExitCode.Success;
  }
  return await runLeaseCommand(request, io, text);
}

/**
 * `watch`: one line per change until Ctrl-C or --timeout, both exit 0, with every
 * registration cancelled and its callback closed before it returns.
 */
async function runWatch(request: OperationRequest, io: CliIo): Promise<number> {
  const text = request.json ? undefined : await import("./lib/watch_text.ts");
  const controller = new AbortController();
  const stop = () => controller.abort();
  const stopListening = (io.onInterrupt ?? listenToProcess)(stop);
  const timer = request.timeout === undefined
    ? undefined
    : setTimeout(stop, Math.max(0, request.timeout) * 1000);
  try {
    const changes = watch(request.adapter, {
      backend: io.backend,
      signal: controller.signal,
      onFallback: () =>
        void io.stderr(
          "leasectl: change notifications are not available here; reading the adapters every 250 ms instead.\n",
        ),
    });
    for await (const change of changes) {
      await io.stdout(text ? text.describeChange(change) : `${jsonText(change)}\n`);
    }
  } finally {
    stopListening();
    clearTimeout(timer);
  }
  return ExitCode.Success;
}

/** The exit status for an error, and the words that tell the user what to do. */
function explain(error: unknown): [number, string] {
  if (error instanceof UsageError) return [ExitCode.Usage, `${error.message} Run leasectl --help for usage.`];
  if (error instanceof InvalidArgumentError || error instanceof AdapterNotFoundError) {
    return [ExitCode.Usage, error.message];
  }
  if (
    error instanceof UnsupportedPlatformError || error instanceof PermissionError ||
    error instanceof LibraryLoadError
  ) {
    return [ExitCode.Environment, error.message];
  }
  if (error instanceof Win32Error) return [ExitCode.OperationFailed, error.message];
  if (error instanceof DecodeError) {
    return [
      ExitCode.OperationFailed,
      `${
        error.message.replace(/\.$/, "")
      }. This is Windows' data, not yours: try again, and if it persists, ` +
      "report it with the output of ipconfig /all.",
    ];
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [
    ExitCode.OperationFailed,
    `Unexpected error: ${message.replace(/\.$/, "")}. Please report it with the command you ran.`,
  ];
}

/** Runs the CLI with `args` (without the program name), and returns its exit status. */
export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  // Nothing from Windows or the user reaches a terminal raw: human text is escaped here, at the sink,
  // as the parsed request says (a positional "--json" after "--" is no request for JSON).
  let json = false;
  const safe: CliIo = {
    ...io,
    stdout: (text) => io.stdout(json ? text : safeForTerminal(text)),
    stderr: (text) => io.stderr(safeForTerminal(text)),
  };
  try {
    const request = parse(args);
    json = "json" in request && request.json;
    return await run(request, safe);
  } catch (error) {
    const [code, message] = explain(error);
    await safe.stderr(`leasectl: ${message}\n`);
    return code;
  }
}

/**
 * Writes to a stream, never failing: a terminal that went away (an SSH or RDP
 * session dropping as the address goes) must not stop the work. Resolves when
 * the text is handed over, or after a second at most.
 */
const write = (stream: NodeJS.WriteStream) => (text: string) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      stream.write(text, done);
    } catch {
      done();
    }
  });

const processIo: CliIo = { stdout: write(process.stdout), stderr: write(process.stderr) };

if (import.meta.main) {
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
  // Exit at once: a renew that ran past --timeout is still pending, and must not hold the process.
  process.exit(await main(process.argv.slice(2)));
}
