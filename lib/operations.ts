/**
 * Release and renew over a selection of adapters: which adapters an operation
 * touches, the calls themselves (in parallel, bounded, under one deadline), and
 * the WMI-style return value that sums them up. IPv4 goes through Iphlpapi;
 * IPv6 through ipconfig.exe, the only way Windows offers.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { encodeIndexMap, type IndexMapEntry } from "../ffi/codecs/interface_info.ts";
import { describeWin32Code, isAccessDenied, Win32ErrorCode } from "../ffi/win32_errors.ts";
import { isIpv4, readAdapters, readAdaptersByGuid, readIndexMaps } from "./adapters.ts";
import { DecodeError, EncodeError, InvalidArgumentError, Win32Error } from "./errors.ts";
import { missingForReady, onlyAutoconfigured, ReadinessWaiter } from "./readiness.ts";
import { checkAdapterArgument, hasWildcard, matchesPattern, selectAdapters } from "./select.ts";
import {
  type Adapter,
  type AdapterOutcome,
  type Operation,
  type OperationResult,
  ReturnValue,
} from "./types.ts";

/** The past participle of each operation, for messages. */
export const PAST: Record<Operation, string> = {
  release: "released",
  renew: "renewed",
  release6: "released",
  renew6: "renewed",
};

/** How many calls run at once: each holds a thread (or an ipconfig process) while it waits on DHCP. */
export const MAX_PARALLEL_CALLS = 16;
/** The longest `timeout` or `wait` accepted, in seconds: a day. */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** What one operation was asked to do. */
export interface OperationRequest {
  operation: Operation;
  adapter?: string;
  /** The adapters to act on by GUID, in place of a selection: a cycle renews what it released. */
  guids?: readonly string[];
  /**
   * The GUIDs (upper case) of the adapters that had a default gateway before: a cycle's renew must wait
   * for the gateway its release took away. By default, those with one when the operation reads them.
   */
  hadGateway?: ReadonlySet<string>;
  dryRun?: boolean;
  timeout?: number;
  wait?: number;
  onAdapter?: (outcome: AdapterOutcome) => void;
  backend: Backend;
}

/** Throws an InvalidArgumentError unless `seconds` is a usable number of seconds for `option`. */
export function checkSeconds(seconds: number | undefined, option = "timeout"): void {
  if (seconds === undefined) return;
  if (
    typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS
  ) {
    throw new InvalidArgumentError(
      `The ${option} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}; got ${seconds}.`,
    );
  }
}

const isIpv6Operation = (operation: Operation) => operation === "release6" || operation === "renew6";

/** Why an adapter is left alone, or undefined when the operation can act on it. */
function skipReason(adapter: Adapter, ipv6: boolean): string | undefined {
  if (adapter.loopback) return "It is a loopback adapter, which has no DHCP lease.";
  if (!ipv6 && !adapter.dhcpEnabled) return "DHCP is not enabled on this adapter.";
  if (adapter.operStatus !== "up") {
    return `No operation can be performed on ${adapter.friendlyName} while it has its media disconnected.`;
  }
  if (!ipv6 && !adapter.ipv4Enabled) return "IPv4 is not enabled on this adapter.";
  if (ipv6 && !adapter.ipv6Enabled) return "IPv6 is not enabled on this adapter.";
  return undefined;
}

/** With no adapter named: IPv4 touches every DHCP-enabled, IPv4-enabled adapter; IPv6 every IPv6-enabled one; never loopback. */
const touchedByDefault = (ipv6: boolean) => (adapter: Adapter) =>
  !adapter.loopback && (ipv6 ? adapter.ipv6Enabled : adapter.dhcpEnabled && adapter.ipv4Enabled);

type After = { ipv4After: string[] | null; ipv6After: string[] | null };

function outcome(
  adapter: Adapter,
  fields: Pick<AdapterOutcome, "status" | "code" | "reason"> & Partial<After>,
): AdapterOutcome {
  const { index, guid, friendlyName, ipv4, ipv6 } = adapter;
  const { status, code, reason, ipv4After = ipv4, ipv6After = ipv6 } = fields;
  return {
    index,
    guid,
    friendlyName,
    status,
    code,
    reason,
    ipv4Before: ipv4,
    ipv4After,
    ipv6Before: ipv6,
    ipv6After,
  };
}

/** The WMI return value that sums up the outcomes. */
export function returnValueOf(
  operation: Operation,
  selected: readonly Adapter[],
  outcomes: readonly AdapterOutcome[],
): ReturnValue {
  const ipv6 = isIpv6Operation(operation);
  const eligible = selected.filter((adapter) =>
    !adapter.loopback && (ipv6 ? adapter.ipv6Enabled : adapter.dhcpEnabled)
  );
  if (eligible.length === 0) return ipv6 ? ReturnValue.IpNotEnabled : ReturnValue.DhcpNotEnabled;
  const done = outcomes.filter((item) => item.status === "done");
  const failed = outcomes.filter((item) => item.status === "failed");
  if (failed.length === 0) {
    const acted = ipv6 || done.length > 0 || eligible.some((adapter) => adapter.ipv4Enabled);
    return acted ? ReturnValue.Success : ReturnValue.IpNotEnabled;
  }
  if (done.length > 0) return ReturnValue.NotAllLeases;
  if (failed.every((item) => isAccessDenied(item.code))) return ReturnValue.AccessDenied;
  if (failed.every((item) => item.code === Win32ErrorCode.ERROR_NOT_SUPPORTED)) {
    return ReturnValue.NotSupported;
  }
  return operation.startsWith("release") ? ReturnValue.UnableToRelease : ReturnValue.UnableToRenew;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const TIMED_OUT = Symbol("timed out");

/** Resolves with `call`'s result, or TIMED_OUT at `deadline` (ms since the epoch), whichever comes first. */
function beforeDeadline<T>(call: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  if (deadline === Infinity) return call;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([call, expiry]).finally(() => clearTimeout(timer));
}

/** The adapter's addresses read again; null where they cannot be read: unknown, not "none". */
function readAfter(backend: Backend, adapter: Adapter): After {
  try {
    const now = readAdaptersByGuid(backend).get(adapter.guid.toUpperCase());
    return { ipv4After: now?.ipv4 ?? [], ipv6After: now?.ipv6 ?? [] };
  } catch {
    return { ipv4After: null, ipv6After: null };
  }
}

/** The IPv4 device names, or why they could not be read: every adapter to act on then fails with it. */
type IndexMaps = Map<string, IndexMapEntry> | { code: number; reason: string };

function indexMapsOrFailure(backend: Backend): IndexMaps {
  try {
    return readIndexMaps(backend);
  } catch (error) {
    if (error instanceof Win32Error) return { code: error.code, reason: error.message };
    if (error instanceof DecodeError) {
      return { code: Win32ErrorCode.ERROR_INVALID_DATA, reason: error.message };
    }
    throw error;
  }
}

/** What an act needs besides the adapter. */
interface Context {
  request: OperationRequest;
  adapters: readonly Adapter[];
  indexMaps: IndexMaps | undefined;
  deadline: number;
  waiter: ReadinessWaiter | undefined;
}

/** One adapter's call: its code and when it returned, or TIMED_OUT; or its failed outcome. */
type Called = { code: number | typeof TIMED_OUT; returnedAt: number } | AdapterOutcome;

/** IpReleaseAddress / IpRenewAddress for one adapter, named by the device name of its own GUID. */
async function callIphlpapi(context: Context, adapter: Adapter): Promise<Called> {
  const { request: { backend, operation }, indexMaps, deadline } = context;
  const failed = (code: number, reason: string) => outcome(adapter, { status: "failed", code, reason });
  if (!indexMaps || !(indexMaps instanceof Map)) return failed(indexMaps?.code ?? 0, indexMaps?.reason ?? "");
  const entry = indexMaps.get(adapter.guid.toUpperCase());
  if (!entry) {
    return failed(
      Win32ErrorCode.ERROR_NOT_FOUND,
      "Windows lists no IPv4 device name for this adapter (GetInterfaceInfo), so it cannot be named to " +
        `Iphlpapi for certain; its lease was not ${PAST[operation]}.`,
    );
  }
  let indexMap: Uint8Array;
  try {
    indexMap = encodeIndexMap(entry);
  } catch (error) {
    if (error instanceof EncodeError) return failed(Win32ErrorCode.ERROR_INVALID_PARAMETER, error.message);
    throw error;
  }
  if (Date.now() >= deadline) return { code: TIMED_OUT, returnedAt: Date.now() };
  const call = operation === "release"
    ? backend.ipReleaseAddress(indexMap)
    : backend.ipRenewAddress(indexMap);
  try {
    const code = await beforeDeadline(call, deadline);
    if (code === TIMED_OUT) backend.abandon(call);
    return { code, returnedAt: Date.now() };
  } catch (error) {
    if (!(error instanceof Win32Error)) throw error;
    // The thread running the call could not be waited for: what the call did is unknown.
    const text = describeWin32Code(error.code, backend.formatMessage(error.code));
    return failed(error.code, `Windows could not tell how the ${operation} ended (${error.api}): ${text}`);
  }
}

/**
 * ipconfig's message, on one line: its last paragraph. Windows' ipconfig heads
 * its output with a (localized) title paragraph and ends with the error; its
 * output is never parsed for success, only quoted.
 */
function ipconfigMessage(output: string): string {
  const paragraphs = output.replaceAll("\r\n", "\n").split(/\n\s*\n/).map((block) =>
    block.split("\n").map((line) => line.trim()).filter(Boolean).join(" ")
  ).filter(Boolean);
  return paragraphs.at(-1) ?? "";
}

/** ipconfig /release6 or /renew6 with the adapter's exact friendly name. */
async function callIpconfig(context: Context, adapter: Adapter): Promise<Called> {
  const { request: { backend, operation }, adapters, deadline } = context;
  const failed = (code: number, reason: string) => outcome(adapter, { status: "failed", code, reason });
  // ipconfig reads * and ? in a name as wildcards: never let it act on more than was asked.
  const alsoMatched = hasWildcard(adapter.friendlyName)
    ? adapters.filter((other) =>
      other !== adapter && matchesPattern(adapter.friendlyName, other.friendlyName)
    )
    : [];
  if (alsoMatched.length) {
    return failed(
      Win32ErrorCode.ERROR_INVALID_PARAMETER,
      `Its name holds * or ?, which ipconfig reads as wildcards, and it would also match ` +
        `${
          alsoMatched.map((other) => other.friendlyName).join(", ")
        }; leasectl will not act on more than was asked.`,
    );
  }
  if (Date.now() >= deadline) return { code: TIMED_OUT, returnedAt: Date.now() };
  const stop = new AbortController();
  const run = backend.runIpconfig([`/${operation}`, adapter.friendlyName], stop.signal);
  let result;
  try {
    result = await beforeDeadline(run, deadline);
  } catch (error) {
    return failed(
      Win32ErrorCode.ERROR_FUNCTION_FAILED,
      `Could not run ipconfig: ${(error as Error).message}`,
    );
  }
  if (result === TIMED_OUT) {
    stop.abort(); // ipconfig still running at the deadline is killed
    run.catch(() => {});
    return { code: TIMED_OUT, returnedAt: Date.now() };
  }
  if (result.exitCode === 0) return { code: 0, returnedAt: Date.now() };
  const message = ipconfigMessage(result.output) ||
    `ipconfig /${operation} exited with status ${result.exitCode}.`;
  return failed(Win32ErrorCode.ERROR_FUNCTION_FAILED, message);
}

/** Releases or renews one adapter's lease: its outcome, never a throw for a Win32 failure. */
async function act(context: Context, adapter: Adapter): Promise<AdapterOutcome> {
  const { request: { backend, operation, timeout, wait }, waiter } = context;
  const called = isIpv6Operation(operation)
    ? await callIpconfig(context, adapter)
    : await callIphlpapi(context, adapter);
  if ("status" in called) return called;
  const { code, returnedAt } = called;
  if (code === TIMED_OUT) {
    return outcome(adapter, {
      status: "failed",
      code: Win32ErrorCode.ERROR_TIMEOUT,
      reason: `The ${operation} did not finish within ${timeout} ${timeout === 1 ? "second" : "seconds"}.`,
    });
  }
  if (code !== Win32ErrorCode.ERROR_SUCCESS) {
    return outcome(adapter, {
      status: "failed",
      code,
      reason: describeWin32Code(code, backend.formatMessage(code)),
      ...readAfter(backend, adapter),
    });
  }
  if (operation !== "renew") {
    return outcome(adapter, { status: "done", code, reason: null, ...readAfter(backend, adapter) });
  }

  let after = readAfter(backend, adapter);
  let ready: Pick<AdapterOutcome, "ready" | "readyAfterMs"> = {};
  let missing: string[] = [];
  if (waiter && wait !== undefined) {
    const hadGateway = context.request.hadGateway?.has(adapter.guid.toUpperCase()) ??
      adapter.gateways.some(isIpv4);
    const { readyAt, adapter: now } = await waiter.wait(adapter.guid, hadGateway, returnedAt + wait * 1000);
    if (now) after = { ipv4After: now.ipv4, ipv6After: now.ipv6 };
    ready = { ready: readyAt !== null, readyAfterMs: readyAt === null ? null : readyAt - returnedAt };
    missing = readyAt === null ? missingForReady(now, hadGateway) : [];
  }
  // A renew that leaves only 169.254/16 did not reach a DHCP server, whatever the call returned; this wins over --wait.
  if (onlyAutoconfigured(after.ipv4After)) {
    return outcome(adapter, {
      status: "failed",
      code: Win32ErrorCode.ERROR_SEM_TIMEOUT,
      reason: "No DHCP server answered: the adapter has only an autoconfiguration address (169.254.x.x). " +
        "Check the cable or Wi-Fi connection, and that this network has a DHCP server.",
      ...after,
    });
  }
  if (missing.length) {
    return {
      ...outcome(adapter, {
        status: "failed",
        code: Win32ErrorCode.ERROR_TIMEOUT,
        reason: `It was renewed but not ready within ${wait} ${wait === 1 ? "second" : "seconds"}: ` +
          `it is missing ${missing.join(" and ")}.`,
        ...after,
      }),
      ...ready,
    };
  }
  return { ...outcome(adapter, { status: "done", code, reason: null, ...after }), ...ready };
}

/** Releases or renews the leases of the adapters `request` selects, and reports every one. */
export async function runOperation(request: OperationRequest): Promise<OperationResult> {
  const { operation, adapter: argument, backend, dryRun = false, onAdapter } = request;
  const ipv6 = isIpv6Operation(operation);
  checkSeconds(request.timeout);
  checkSeconds(request.wait, "wait");
  if (argument !== undefined) checkAdapterArgument(argument);
  if (ipv6 && !dryRun) backend.ipconfigPath(); // a missing permission is said before anything is done
  const adapters = readAdapters(backend);
  const selected = request.guids
    ? request.guids.flatMap((guid) =>
      adapters.filter((adapter) => adapter.guid.toUpperCase() === guid.toUpperCase())
    )
    : argument === undefined
    ? adapters.filter(touchedByDefault(ipv6))
    : selectAdapters(adapters, argument);
  const deadline = request.timeout === undefined ? Infinity : Date.now() + request.timeout * 1000;

  const outcomes = new Map<Adapter, AdapterOutcome>();
  const report = (adapter: Adapter, result: AdapterOutcome) => {
    outcomes.set(adapter, result);
    onAdapter?.(result);
  };
  const actionable: Adapter[] = [];
  for (const adapter of selected) {
    const reason = skipReason(adapter, ipv6) ??
      (dryRun ? `Dry run: the lease would be ${PAST[operation]}.` : undefined);
    if (reason === undefined) actionable.push(adapter);
    else report(adapter, outcome(adapter, { status: "skipped", code: 0, reason }));
  }
  const context: Context = {
    request,
    adapters,
    // The device names are read only when acting: an adapter missing from them still appears in the result.
    indexMaps: !ipv6 && actionable.length ? indexMapsOrFailure(backend) : undefined,
    deadline,
    waiter: operation === "renew" && request.wait !== undefined ? new ReadinessWaiter(backend) : undefined,
  };
  try {
    await forEachBounded(actionable, MAX_PARALLEL_CALLS, async (adapter) => {
      report(adapter, await act(context, adapter));
    });
  } finally {
    await context.waiter?.close();
  }

  const results = selected.map((adapter) => outcomes.get(adapter)!);
  return { operation, returnValue: returnValueOf(operation, selected, results), adapters: results };
}
