/**
 * Release and renew over the targets a caller chose: the adapters each
 * operation skips (with the reason), the calls themselves, in parallel and
 * under one deadline, each adapter's outcome as soon as it is known, and the
 * WMI-style return value that sums them up.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import { readAdapters } from "./adapters.ts";
import { callOutcome } from "./call_outcome.ts";
import { type CallResult, forEachBounded } from "./deadline.ts";
import { InFlightCalls } from "./in_flight.ts";
import { callIpconfig } from "./ipconfig_calls.ts";
import { callIphlpapi, indexMapOf, type IndexMaps, indexMapsOrFailure } from "./iphlpapi_calls.ts";
import { checkSeconds, DEFAULT_TIMEOUT_SECONDS, MAX_PARALLEL_CALLS } from "./limits.ts";
import { failedOutcome, outcomeOf, PAST, plannedOutcome, timedOutOutcome } from "./outcome.ts";
import { ReadinessWaiter } from "./readiness.ts";
import { type ReadyWait, renewOutcome } from "./renew_outcome.ts";
import { returnValueOf } from "./return_value.ts";
import { type AdapterArgument, parseAdapterArgument } from "./select.ts";
import { isIpv6Operation, selectTargets, skipReason, type Target } from "./targets.ts";
import type { Adapter, AdapterOutcome, Operation, OperationResult, RenewOptions } from "./types.ts";

/** How an operation runs, whatever it acts on. */
export interface OperationSettings extends RenewOptions {
  backend: Backend;
  /** Calls given up on earlier that must finish before their adapter is acted on again; this run adds its own. */
  inFlight?: InFlightCalls;
}

/** One operation over the targets its caller chose. */
export interface TargetedOperation extends OperationSettings {
  operation: Operation;
  /** What to act on, in the order reported. */
  targets: readonly Target[];
  /** Every adapter Windows lists now: ipconfig's wildcard check looks at all of them. */
  listed: readonly Adapter[];
}

/** Checks what an operation was given before anything is read: the seconds, and the adapter argument, once. */
export function checkOperationArguments(
  adapter: string | undefined,
  options: Pick<RenewOptions, "timeout" | "wait">,
): AdapterArgument | undefined {
  checkSeconds(options.timeout);
  checkSeconds(options.wait, "wait");
  return adapter === undefined ? undefined : parseAdapterArgument(adapter);
}

/**
 * Reads the adapters and runs `operation` over those `wanted` names (or those it
 * touches by default): what release, renew, release6 and renew6 do.
 */
export function runSelectedOperation(
  operation: Operation,
  wanted: AdapterArgument | undefined,
  settings: OperationSettings,
): Promise<OperationResult> {
  const { backend, dryRun } = settings;
  if (isIpv6Operation(operation) && !dryRun) backend.ipconfigPath(); // a missing permission is said before anything is done
  const listed = readAdapters(backend);
  return runOperation({ ...settings, operation, listed, targets: selectTargets(operation, listed, wanted) });
}

/** Acts on one target: the call for its operation, then the outcome that call makes. */
function actOn(
  request: TargetedOperation,
  calls: {
    deadline: number;
    indexMaps: () => IndexMaps;
    inFlight: InFlightCalls;
    wait: ReadyWait | undefined;
  },
): (target: Target) => Promise<AdapterOutcome> {
  const { backend, operation, listed, timeout = DEFAULT_TIMEOUT_SECONDS } = request;
  const call = (target: Target): Promise<CallResult> =>
    operation === "release6" || operation === "renew6"
      ? callIpconfig({ backend, operation, listed, deadline: calls.deadline }, target.adapter)
      : callIphlpapi({ backend, operation, ...calls }, target.adapter);
  return async (target) => {
    const called = await call(target);
    const { adapter } = target;
    if (called.kind === "failed") return failedOutcome(adapter, called.code, called.reason);
    if (called.kind === "timedOut") return timedOutOutcome(adapter, operation, timeout, called.started);
    return operation === "renew"
      ? await renewOutcome(backend, target, called, calls.wait)
      : callOutcome(backend, adapter, called.code);
  };
}

/**
 * The outcome of a target that is not acted on, or undefined when it is. A dry run
 * reads the device names as the real run does (`indexMaps`), and reports an adapter
 * the real run would fail as failed.
 */
function notActedOn(
  target: Target,
  operation: Operation,
  dryRun: boolean,
  indexMaps: () => IndexMaps,
): AdapterOutcome | undefined {
  const { adapter } = target;
  if (!target.listed) {
    const reason = `Windows no longer lists this adapter, so its lease was not ${PAST[operation]}.`;
    return failedOutcome(adapter, Win32ErrorCode.ERROR_NOT_FOUND, reason);
  }
  const skipped = skipReason(adapter, operation);
  if (skipped !== undefined) return outcomeOf(adapter, { status: "skipped", code: 0, reason: skipped });
  if (!dryRun) return undefined;
  if (operation === "release" || operation === "renew") {
    const indexMap = indexMapOf({ operation, indexMaps }, adapter);
    if (!(indexMap instanceof Uint8Array)) return failedOutcome(adapter, indexMap.code, indexMap.reason);
  }
  return plannedOutcome(adapter, operation);
}

/** Releases or renews the leases of `request`'s targets, and reports every one. */
export async function runOperation(request: TargetedOperation): Promise<OperationResult> {
  const { operation, backend, targets, dryRun = false, onAdapter, wait } = request;
  const deadline = Date.now() + (request.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const waits = operation === "renew" && wait !== undefined;
  const outcomes = new Map<Target, AdapterOutcome>();
  const report = (target: Target, outcome: AdapterOutcome) => {
    // With --wait, every renew outcome says whether its adapter was ready.
    const shaped = waits && outcome.ready === undefined
      ? { ...outcome, ready: false, readyAfterMs: null }
      : outcome;
    outcomes.set(target, shaped);
    onAdapter?.(shaped);
  };
  let indexMaps: IndexMaps | undefined;
  // The device names are read only for an adapter acted on (or planned): one missing from them still
  // appears in the result.
  const readIndexMaps = () => indexMaps ??= indexMapsOrFailure(backend);
  const actionable = targets.filter((target) => {
    const outcome = notActedOn(target, operation, dryRun, readIndexMaps);
    if (outcome) report(target, outcome);
    return outcome === undefined;
  });
  const waiter = waits ? new ReadinessWaiter(backend) : undefined;
  const act = actOn(request, {
    deadline,
    indexMaps: readIndexMaps,
    inFlight: request.inFlight ?? new InFlightCalls(),
    wait: waiter && { waiter, seconds: wait! },
  });
  try {
    await forEachBounded(actionable, MAX_PARALLEL_CALLS, async (target) => report(target, await act(target)));
  } finally {
    await waiter?.close();
  }
  const results = targets.map((target) => outcomes.get(target)!);
  const selected = targets.map((target) => target.adapter);
  return { operation, returnValue: returnValueOf(operation, selected, results), adapters: results };
}
