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
/**
 * The deadline of the calls when no `timeout` is given, in seconds: every wait is bounded. The DHCP client
 * gives up on a server within about a minute; a call running five times as long has hung.
 */
export const DEFAULT_TIMEOUT_SECONDS = 300;

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
  /**
   * The adapters as they were read before (a cycle's first read): with `guids`, one that Windows no longer
   * lists, or a read that fails after a release, still gets an outcome of its own.
   */
  known?: readonly Adapter[];
  /**
   * Calls still running past their deadline, by adapter GUID (upper case): this operation adds its own,
   * and waits, until its own deadline, for an adapter's before acting on it, so that a release given up
   * on cannot undo the renew that follows it.
   */
  stillRunning?: Map<string, Promise<unknown>>;
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
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const TIMED_OUT = Symbol("timed out");

/** Resolves with `call`'s result, or TIMED_OUT at `deadline` (ms since the epoch), whichever comes first. */
export function beforeDeadline<T>(call: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
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
  /** The IPv4 device names, read once before the first IPv4 call; never read for IPv6. */
  indexMaps: () => IndexMaps;
  deadline: number;
  waiter: ReadinessWaiter | undefined;
}

/**
 * One adapter's call: its code and when it returned; TIMED_OUT, with whether it had started; or its
 * failed outcome.
 */
type Called =
  | { code: number; returnedAt: number }
  | { code: typeof TIMED_OUT; started: boolean }
  | AdapterOutcome;

/** IpReleaseAddress / IpRenewAddress for one adapter, named by the device name of its own GUID. */
async function callIphlpapi(context: Context, adapter: Adapter): Promise<Called> {
  const { request: { backend, operation, stillRunning }, deadline } = context;
  const failed = (code: number, reason: string) => outcome(adapter, { status: "failed", code, reason });
  const indexMaps = context.indexMaps();
  if (!(indexMaps instanceof Map)) return failed(indexMaps.code, indexMaps.reason);
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
  const guid = adapter.guid.toUpperCase();
  // A call given up on earlier, on this adapter, finishes first: a late release would undo this renew.
  const earlier = stillRunning?.get(guid);
  if (earlier && await beforeDeadline(earlier, deadline) === TIMED_OUT) {
    return failed(
      Win32ErrorCode.ERROR_TIMEOUT,
      `Its earlier call was still running at the deadline, so its lease was not ${PAST[operation]}: ` +
        "acting now could be undone when that call ends.",
    );
  }
  if (Date.now() >= deadline) return { code: TIMED_OUT, started: false };
  const call = operation === "release"
    ? backend.ipReleaseAddress(indexMap)
    : backend.ipRenewAddress(indexMap);
  try {
    const code = await beforeDeadline(call, deadline);
    if (code !== TIMED_OUT) return { code, returnedAt: Date.now() };
    backend.abandon(call);
    stillRunning?.set(guid, call.catch(() => {}));
    return { code: TIMED_OUT, started: true };
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
  if (Date.now() >= deadline) return { code: TIMED_OUT, started: false };
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
    return { code: TIMED_OUT, started: true };
  }
  if (result.exitCode === 0) return { code: 0, returnedAt: Date.now() };
  const message = ipconfigMessage(result.output) ||
    `ipconfig /${operation} exited with status ${result.exitCode}.`;
  return failed(Win32ErrorCode.ERROR_FUNCTION_FAILED, message);
}

const seconds = (count: number) => `${count} ${count === 1 ? "second" : "seconds"}`;

/** Releases or renews one adapter's lease: its outcome, never a throw for a Win32 failure. */
async function act(context: Context, adapter: Adapter): Promise<AdapterOutcome> {
  const { request: { backend, operation, timeout = DEFAULT_TIMEOUT_SECONDS, wait }, waiter } = context;
  const called = isIpv6Operation(operation)
    ? await callIpconfig(context, adapter)
    : await callIphlpapi(context, adapter);
  if ("status" in called) return called;
  if (called.code === TIMED_OUT) {
    const reason = called.started
      ? `The ${operation} did not finish within ${seconds(timeout)}.`
      : `The ${operation} did not start within ${
        seconds(timeout)
      }: the other adapters' calls took that long.`;
    return outcome(adapter, { status: "failed", code: Win32ErrorCode.ERROR_TIMEOUT, reason });
  }
  const { code, returnedAt } = called;
  if (operation !== "renew") {
    if (code === Win32ErrorCode.ERROR_SUCCESS) {
      return outcome(adapter, { status: "done", code, reason: null, ...readAfter(backend, adapter) });
    }
    const reason = describeWin32Code(code, backend.formatMessage(code));
    return outcome(adapter, { status: "failed", code, reason, ...readAfter(backend, adapter) });
  }

  let after = readAfter(backend, adapter);
  let ready: Pick<AdapterOutcome, "ready" | "readyAfterMs"> = {};
  let missing: string[] = [];
  if (waiter && wait !== undefined && code === Win32ErrorCode.ERROR_SUCCESS) {
    const hadGateway = context.request.hadGateway?.has(adapter.guid.toUpperCase()) ??
      adapter.gateways.some(isIpv4);
    const { readyAt, adapter: now } = await waiter.wait(adapter.guid, hadGateway, returnedAt + wait * 1000);
    if (now) after = { ipv4After: now.ipv4, ipv6After: now.ipv6 };
    ready = { ready: readyAt !== null, readyAfterMs: readyAt === null ? null : readyAt - returnedAt };
    missing = readyAt === null ? missingForReady(now, hadGateway) : [];
  }
  // A renew that leaves only 169.254/16 did not reach a DHCP server, whatever the call returned: the
  // call's own code, or 121 where it returned 0. This wins over --wait's rule.
  if (onlyAutoconfigured(after.ipv4After)) {
    return {
      ...outcome(adapter, {
        status: "failed",
        code: code || Win32ErrorCode.ERROR_SEM_TIMEOUT,
        reason: "No DHCP server answered: the adapter has only an autoconfiguration address (169.254.x.x). " +
          "Check the cable or Wi-Fi connection, and that this network has a DHCP server.",
        ...after,
      }),
      ...ready,
    };
  }
  if (code !== Win32ErrorCode.ERROR_SUCCESS) {
    const reason = describeWin32Code(code, backend.formatMessage(code));
    return outcome(adapter, { status: "failed", code, reason, ...after });
  }
  if (missing.length) {
    return {
      ...outcome(adapter, {
        status: "failed",
        code: Win32ErrorCode.ERROR_TIMEOUT,
        reason: `It was renewed but not ready within ${seconds(wait!)}: it is missing ${
          missing.join(" and ")
        }.`,
        ...after,
      }),
      ...ready,
    };
  }
  return { ...outcome(adapter, { status: "done", code, reason: null, ...after }), ...ready };
}

/** Reads the adapters; after a cycle's release, a failed read falls back to what was read before. */
function adaptersNow(request: OperationRequest): Adapter[] {
  try {
    return readAdapters(request.backend);
  } catch (error) {
    if (request.known && (error instanceof Win32Error || error instanceof DecodeError)) {
      return [...request.known];
    }
    throw error;
  }
}

/** The adapters `request` names, and those named by GUID that Windows no longer lists. */
function selectFor(request: OperationRequest, adapters: readonly Adapter[]): [Adapter[], Set<Adapter>] {
  const { adapter: argument, guids, known = [] } = request;
  const gone = new Set<Adapter>();
  if (!guids) {
    const ipv6 = isIpv6Operation(request.operation);
    return [
      argument === undefined ? adapters.filter(touchedByDefault(ipv6)) : selectAdapters(adapters, argument),
      gone,
    ];
  }
  const byGuid = (list: readonly Adapter[], guid: string) =>
    list.find((adapter) => adapter.guid.toUpperCase() === guid.toUpperCase());
  const selected = guids.flatMap((guid) => {
    const adapter = byGuid(adapters, guid) ?? byGuid(known, guid);
    if (adapter && !adapters.includes(adapter)) gone.add(adapter);
    return adapter ? [adapter] : [];
  });
  return [selected, gone];
}

/** Releases or renews the leases of the adapters `request` selects, and reports every one. */
export async function runOperation(request: OperationRequest): Promise<OperationResult> {
  const { operation, adapter: argument, backend, dryRun = false, onAdapter, wait } = request;
  const ipv6 = isIpv6Operation(operation);
  checkSeconds(request.timeout);
  checkSeconds(wait, "wait");
  if (argument !== undefined) checkAdapterArgument(argument);
  if (ipv6 && !dryRun) backend.ipconfigPath(); // a missing permission is said before anything is done
  const adapters = adaptersNow(request);
  const [selected, gone] = selectFor(request, adapters);
  const deadline = Date.now() + (request.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const waits = operation === "renew" && wait !== undefined;

  const outcomes = new Map<Adapter, AdapterOutcome>();
  const report = (adapter: Adapter, result: AdapterOutcome) => {
    // With --wait, every renew outcome says whether its adapter was ready.
    const shaped = waits && result.ready === undefined
      ? { ...result, ready: false, readyAfterMs: null }
      : result;
    outcomes.set(adapter, shaped);
    onAdapter?.(shaped);
  };
  const actionable: Adapter[] = [];
  for (const adapter of selected) {
    const reason = gone.has(adapter)
      ? `Windows no longer lists this adapter, so its lease was not ${PAST[operation]}.`
      : skipReason(adapter, ipv6) ?? (dryRun ? `Dry run: the lease would be ${PAST[operation]}.` : undefined);
    if (reason === undefined) actionable.push(adapter);
    else if (gone.has(adapter)) {
      report(adapter, outcome(adapter, { status: "failed", code: Win32ErrorCode.ERROR_NOT_FOUND, reason }));
    } else report(adapter, outcome(adapter, { status: "skipped", code: 0, reason }));
  }
  let indexMaps: IndexMaps | undefined;
  const context: Context = {
    request,
    adapters,
    // The device names are read only when acting: an adapter missing from them still appears in the result.
    indexMaps: () => indexMaps ??= indexMapsOrFailure(backend),
    deadline,
    waiter: waits ? new ReadinessWaiter(backend) : undefined,
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
