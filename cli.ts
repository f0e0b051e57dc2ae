#!/usr/bin/env -S deno run --allow-ffi
/**
 * The leasectl command line: `list`, `release`, `renew` and `flushdns`, as
 * ipconfig has them, with JSON output and exit codes that scripts can rely on.
 *
 * ```sh
 * deno run --allow-ffi jsr:@leasectl/leasectl/cli renew "Ethernet*" --timeout 60
 * ```
 *
 * It uses `node:` modules for its arguments, streams and exit code, so that the
 * same file runs in the npm build on Node.
 *
 * @module
 */

import process from "node:process";
import { parseArgs } from "node:util";
import {
  AdapterNotFoundError,
  type AdapterOutcome,
  type Backend,
  FfiPermissionError,
  flushDns,
  InvalidArgumentError,
  LibraryLoadError,
  listAdapters,
  type OperationResult,
  release,
  renew,
  ReturnValue,
  UnsupportedPlatformError,
  VERSION,
  watch,
  Win32Error,
} from "./mod.ts";
import { ELEVATE, isAccessDenied } from "./ffi/win32_errors.ts";

/** Exit statuses, as DESIGN.md's contract has them. */
export const ExitCode = {
  Success: 0,
  OperationFailed: 1,
  Usage: 2,
  Environment: 3,
} as const;

/** Where the CLI writes, and which native calls it uses; tests pass their own. */
export interface CliIo {
  /** Writes to standard output, resolving once the text is handed over. */
  stdout(text: string): Promise<void>;
  /** Writes to standard error, resolving once the text is handed over. */
  stderr(text: string): Promise<void>;
  /** The native calls to use; the system's DLLs by default. */
  backend?: Backend;
}

const USAGE = `Usage: leasectl <command> [ADAPTER] [options]

Releases and renews DHCP leases on Windows through Iphlpapi.dll.

Commands:
  list [ADAPTER]     Show adapters, their addresses and leases (ipconfig /all)
  release [ADAPTER]  Release the DHCP lease (ipconfig /release)
  renew [ADAPTER]    Renew the DHCP lease (ipconfig /renew)
  flushdns           Empty the DNS resolver cache (ipconfig /flushdns)
  watch [ADAPTER]    Print address and interface changes as they happen,
                     until Ctrl-C or --timeout

ADAPTER is a friendly name, where * and ? are wildcards ("Ethernet*"), an
interface index, or a GUID. Without it, release and renew act on every
DHCP-enabled adapter.

Options:
  --json               Print JSON instead of text
  --dry-run            Show what release or renew would do, and do nothing
  --timeout SECONDS    Stop waiting for renew after SECONDS; adapters still
                       renewing are reported as failed with code 1460.
                       watch ends after SECONDS, with exit status 0
  -h, --help           Show this help
  -V, --version        Show the version

Exit status: 0 success (skipped adapters included); 1 a Win32 operation
failed; 2 usage error or no adapter matched; 3 leasectl cannot run here (not
Windows, no FFI permission, or Iphlpapi.dll will not load).
`;

const COMMANDS = ["list", "release", "renew", "flushdns", "watch"] as const;
type Command = typeof COMMANDS[number];

const TIMEOUT_VALUE = "--timeout takes a number of seconds above 0, such as 30.";

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
  };

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
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "V" },
      },
    });
  } catch (error) {
    // A value error about --timeout: the value is missing, or looks like an option ("-1").
    const message = String((error as Error).message);
    if (message.includes("'--timeout")) throw new UsageError(TIMEOUT_VALUE);
    // Otherwise parseArgs' first sentence names the option; its advice about "--" does not apply here.
    throw new UsageError(message.split(/(?<=\.)\s/)[0].replace(/[^.]$/, "$&."));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  if (command === undefined) throw new UsageError("No command given.");
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`Unknown command "${command}". The commands are ${COMMANDS.join(", ")}.`);
  }
  const maxAdapters = command === "flushdns" ? 0 : 1;
  if (rest.length > maxAdapters) {
    throw new UsageError(
      maxAdapters
        ? `${command} takes at most one adapter, and got ${rest.length}. Quote a name that has spaces.`
        : `${command} takes no adapter.`,
    );
  }
  if (values.timeout !== undefined && command !== "renew" && command !== "watch") {
    throw new UsageError("--timeout applies only to renew and watch.");
  }
  if (values["dry-run"] && command !== "release" && command !== "renew") {
    throw new UsageError("--dry-run applies only to release and renew.");
  }
  let timeout: number | undefined;
  if (values.timeout !== undefined) {
    timeout = values.timeout.trim() === "" ? NaN : Number(values.timeout);
    if (!Number.isFinite(timeout)) {
      throw new UsageError(`${TIMEOUT_VALUE.slice(0, -1)}; got "${values.timeout}".`);
    }
  }
  return {
    command: command as Command,
    adapter: rest[0],
    json: values.json ?? false,
    dryRun: values["dry-run"] ?? false,
    timeout,
  };
}

async function run(request: Request, io: CliIo): Promise<number> {
  const { backend } = io;
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
  // The human wording loads only when it is used: a script that asks for JSON starts sooner.
  const text = json ? undefined : await import("./lib/cli_text.ts");
  if (command === "list") {
    const adapters = await listAdapters(adapter, { backend });
    if (!text) await io.stdout(`${JSON.stringify(adapters, null, 2)}\n`);
    else {await io.stdout(
        adapters.length ? adapters.map(text.describeAdapter).join("\n") : "No network adapters.\n",
      );}
    return ExitCode.Success;
  }
  if (command === "flushdns") {
    await flushDns({ backend });
    await io.stdout(
      json
        ? `${JSON.stringify({ operation: "flushdns", status: "done" })}\n`
        : "Flushed the DNS Resolver Cache.\n",
    );
    return ExitCode.Success;
  }
  // Human output reports each adapter as it finishes; JSON waits for the whole result.
  const pending: Promise<void>[] = [];
  const onAdapter = text &&
    ((outcome: AdapterOutcome) => void pending.push(io.stdout(text.describeOutcome(command, outcome))));
  const options = { backend, dryRun: request.dryRun, onAdapter };
  const result: OperationResult = command === "release"
    ? await release(adapter, options)
    : await renew(adapter, { ...options, timeout: request.timeout });
  await Promise.all(pending);
  await io.stdout(
    text ? text.describeResult(result, request.dryRun) : `${JSON.stringify(result, null, 2)}\n`,
  );
  if (!json && result.adapters.some((outcome) => isAccessDenied(outcome.code))) {
    await io.stderr(`${ELEVATE}\n`);
  }
  return result.returnValue === ReturnValue.Success ? ExitCode.Success : ExitCode.OperationFailed;
}

/**
 * `watch`: one line per change until Ctrl-C or --timeout, both exit 0, with every
 * registration cancelled and its callback closed before it returns.
 */
async function runWatch(request: Extract<Request, { command: Command }>, io: CliIo): Promise<number> {
  const text = request.json ? undefined : await import("./lib/watch_text.ts");
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.on("SIGINT", stop);
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
      await io.stdout(text ? text.describeChange(change) : `${JSON.stringify(change)}\n`);
    }
  } finally {
    process.off("SIGINT", stop);
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
    error instanceof UnsupportedPlatformError || error instanceof FfiPermissionError ||
    error instanceof LibraryLoadError
  ) {
    return [ExitCode.Environment, error.message];
  }
  if (error instanceof Win32Error) return [ExitCode.OperationFailed, error.message];
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [
    ExitCode.OperationFailed,
    `Unexpected error: ${message}. Please report it with the command you ran.`,
  ];
}

/** Runs the CLI with `args` (without the program name), and returns its exit status. */
export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await run(parse(args), io);
  } catch (error) {
    const [code, message] = explain(error);
    await io.stderr(`leasectl: ${message}\n`);
    return code;
  }
}

const write = (stream: { write(text: string, done: () => void): unknown }) => (text: string) =>
  new Promise<void>((resolve) => stream.write(text, () => resolve()));

const processIo: CliIo = { stdout: write(process.stdout), stderr: write(process.stderr) };

if (import.meta.main) {
  // Exit at once: a renew that ran past --timeout is still pending, and must not hold the process.
  process.exit(await main(process.argv.slice(2)));
}
