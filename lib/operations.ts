/**
 * Release and renew over a selection of adapters: which adapters an operation
 * touches, the calls themselves (in parallel, bounded, under one deadline), and
 * the WMI-style return value that sums them up.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { encodeIndexMap } from "../ffi/codecs/interface_info.ts";
import { describeWin32Code, isAccessDenied, Win32ErrorCode } from "../ffi/win32_errors.ts";
import { type AdapterSnapshot, readAdapters, readIpv4Addresses } from "./adapters.ts";
import { EncodeError, InvalidArgumentError, Win32Error } from "./errors.ts";
import { checkAdapterArgument, selectAdapters } from "./select.ts";
import {
  type Adapter,
  type AdapterOutcome,
  type Operation,
  type OperationResult,
  ReturnValue,
} from "./types.ts";

/** The past participle of each operation, for messages. */
export const PAST: Record<Operation, string> = { release: "released", renew: "renewed" };

/** How many release/renew calls run at once: each holds a thread while it waits on DHCP. */
export const MAX_PARALLEL_CALLS = 16;
/** The longest `timeout` accepted, in seconds: a day. */
export const MAX_TIMEOUT_SECONDS = 86_400;

/** What one operation was asked to do. */
export interface OperationRequest {
  operation: Operation;
  adapter?: string;
  dryRun?: boolean;
  timeout?: number;
  onAdapter?: (outcome: AdapterOutcome) => void;
  backend: Backend;
}

/** Throws an InvalidArgumentError unless `timeout` is a usable number of seconds. */
export function checkTimeout(timeout: number | undefined): void {
  if (timeout === undefined) return;
  if (
    typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS
  ) {
    throw new InvalidArgumentError(
      `The timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}; got ${timeout}.`,
    );
  }
}

/** Why an adapter is left alone, or undefined when the operation can act on it. */
function skipReason(adapter: Adapter): string | undefined {
  if (adapter.loopback) return "It is a loopback adapter, which has no DHCP lease.";
  if (!adapter.dhcpEnabled) return "DHCP is not enabled on this adapter.";
  if (!adapter.ipv4Enabled) return "IPv4 is not enabled on this adapter.";
  if (adapter.operStatus !== "up") {
    return `No operation can be performed on ${adapter.friendlyName} while it has its media disconnected.`;
  }
  return undefined;
}

/** With no adapter named, an operation touches every DHCP-enabled, IPv4-enabled adapter but loopback. */
const touchedByDefault = (adapter: Adapter) =>
  adapter.dhcpEnabled && adapter.ipv4Enabled && !adapter.loopback;

function outcome(
  adapter: Adapter,
  fields: Pick<AdapterOutcome, "status" | "code" | "reason" | "ipv4After">,
): AdapterOutcome {
  const { index, guid, friendlyName, ipv4 } = adapter;
  const { status, code, reason, ipv4After } = fields;
  return { index, guid, friendlyName, status, code, reason, ipv4Before: ipv4, ipv4After };
}

/** The WMI return value that sums up the outcomes. */
export function returnValueOf(
  operation: Operation,
  selected: readonly Adapter[],
  outcomes: readonly AdapterOutcome[],
): ReturnValue {
  const dhcp = selected.filter((adapter) => adapter.dhcpEnabled && !adapter.loopback);
  if (dhcp.length === 0) return ReturnValue.DhcpNotEnabled;
  const done = outcomes.filter((item) => item.status === "done");
  const failed = outcomes.filter((item) => item.status === "failed");
  if (failed.length === 0) {
    const acted = done.length > 0 || dhcp.some((adapter) => adapter.ipv4Enabled);
    return acted ? ReturnValue.Success : ReturnValue.IpNotEnabled;
  }
  if (done.length > 0) return ReturnValue.NotAllLeases;
  if (failed.every((item) => isAccessDenied(item.code))) return ReturnValue.AccessDenied;
  if (failed.every((item) => item.code === Win32ErrorCode.ERROR_NOT_SUPPORTED)) {
    return ReturnValue.NotSupported;
  }
  return operation === "release" ? ReturnValue.UnableToRelease : ReturnValue.UnableToRenew;
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
function beforeDeadline(call: Promise<number>, deadline: number): Promise<number | typeof TIMED_OUT> {
  if (deadline === Infinity) return call;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([call, expiry]).finally(() => clearTimeout(timer));
}

/** The adapter's IPv4 addresses read again; none where they cannot be read, so that its outcome is kept. */
function readIpv4AddressesOf(backend: Backend, adapter: Adapter): string[] {
  try {
    return readIpv4Addresses(backend).get(adapter.index) ?? [];
  } catch {
    return [];
  }
}

/** Releases or renews one adapter's lease: its outcome, never a throw for a Win32 failure. */
async function act(
  request: OperationRequest,
  snapshot: AdapterSnapshot,
  adapter: Adapter,
  deadline: number,
): Promise<AdapterOutcome> {
  const { backend, operation, timeout } = request;
  const failed = (code: number, reason: string, ipv4After = adapter.ipv4) =>
    outcome(adapter, { status: "failed", code, reason, ipv4After });
  const timedOut = () =>
    failed(
      Win32ErrorCode.ERROR_TIMEOUT,
      `The ${operation} did not finish within ${timeout} ${timeout === 1 ? "second" : "seconds"}.`,
    );

  let indexMap: Uint8Array;
  try {
    indexMap = encodeIndexMap(snapshot.indexMaps.get(adapter.index)!);
  } catch (error) {
    if (error instanceof EncodeError) return failed(Win32ErrorCode.ERROR_INVALID_PARAMETER, error.message);
    throw error;
  }
  if (Date.now() >= deadline) return timedOut();

  const call = operation === "release"
    ? backend.ipReleaseAddress(indexMap)
    : backend.ipRenewAddress(indexMap);
  let code: number | typeof TIMED_OUT;
  try {
    code = await beforeDeadline(call, deadline);
  } catch (error) {
    if (!(error instanceof Win32Error)) throw error;
    // The thread running the call could not be waited for: what the call did is unknown.
    const text = describeWin32Code(error.code, backend.formatMessage(error.code));
    return failed(error.code, `Windows could not tell how the ${operation} ended (${error.api}): ${text}`);
  }
  if (code === TIMED_OUT) {
    backend.abandon(call);
    return timedOut();
  }
  const ipv4After = readIpv4AddressesOf(backend, adapter);
  if (code === Win32ErrorCode.ERROR_SUCCESS) {
    return outcome(adapter, { status: "done", code, reason: null, ipv4After });
  }
  return failed(code, describeWin32Code(code, backend.formatMessage(code)), ipv4After);
}

/** Releases or renews the leases of the adapters `request` selects, and reports every one. */
export async function runOperation(request: OperationRequest): Promise<OperationResult> {
  const { operation, adapter: argument, backend, dryRun = false, onAdapter } = request;
  checkTimeout(request.timeout);
  if (argument !== undefined) checkAdapterArgument(argument);
  const snapshot = readAdapters(backend);
  const selected = argument === undefined
    ? snapshot.adapters.filter(touchedByDefault)
    : selectAdapters(snapshot.adapters, argument);
  const deadline = request.timeout === undefined ? Infinity : Date.now() + request.timeout * 1000;

  const outcomes = new Map<Adapter, AdapterOutcome>();
  const report = (adapter: Adapter, result: AdapterOutcome) => {
    outcomes.set(adapter, result);
    onAdapter?.(result);
  };
  const actionable: Adapter[] = [];
  for (const adapter of selected) {
    const reason = skipReason(adapter) ??
      (dryRun ? `Dry run: the lease would be ${PAST[operation]}.` : undefined);
    if (reason === undefined) actionable.push(adapter);
    else report(adapter, outcome(adapter, { status: "skipped", code: 0, reason, ipv4After: adapter.ipv4 }));
  }
  await forEachBounded(actionable, MAX_PARALLEL_CALLS, async (adapter) => {
    report(adapter, await act(request, snapshot, adapter, deadline));
  });

  const adapters = selected.map((adapter) => outcomes.get(adapter)!);
  return { operation, returnValue: returnValueOf(operation, selected, adapters), adapters };
}
