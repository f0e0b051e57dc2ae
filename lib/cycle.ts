/**
 * `cycle`: release, then flushdns, then renew, in one process: the
 * troubleshooting recipe that `ipconfig /release` over a remote session cannot
 * finish, because the session drops with the address. Every adapter the
 * release considered is renewed, whatever its release did, so that none is left
 * without an address.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { isIpv4 } from "./adapter_record.ts";
import { readAdapters } from "./adapters.ts";
import { DecodeError, Win32Error } from "./errors.ts";
import { flushStep } from "./flush.ts";
import { InFlightCalls } from "./in_flight.ts";
import { checkOperationArguments, runOperation, runSelectedOperation } from "./operations.ts";
import type { Target } from "./targets.ts";
import {
  type Adapter,
  type CycleOptions,
  type CycleResult,
  type OperationResult,
  ReturnValue,
} from "./types.ts";

/** What a cycle was asked to do. */
export interface CycleRequest extends CycleOptions {
  adapter?: string;
  backend: Backend;
}

/** The adapters now; after a release, a read that fails falls back to what was read before it. */
function readAfterRelease(backend: Backend, before: readonly Adapter[]): Adapter[] {
  try {
    return readAdapters(backend);
  } catch (error) {
    if (error instanceof Win32Error || error instanceof DecodeError) return [...before];
    throw error;
  }
}

/**
 * The renew's targets: every adapter the release reported, as Windows lists it now, or as it was
 * before where Windows lists it no more; each waits for the gateway it had before the release.
 */
function renewTargets(
  released: OperationResult,
  now: readonly Adapter[],
  before: readonly Adapter[],
): Target[] {
  const hadGateway = new Set(before.filter((adapter) => adapter.gateways.some(isIpv4)).map((a) => a.guid));
  return released.adapters.flatMap(({ guid }) => {
    const current = now.find((adapter) => adapter.guid === guid);
    const adapter = current ?? before.find((adapter) => adapter.guid === guid);
    return adapter ? [{ adapter, listed: current !== undefined, hadGateway: hadGateway.has(guid) }] : [];
  });
}

/** Runs release, flushdns and renew over the adapters `request` selects. */
export async function runCycle(request: CycleRequest): Promise<CycleResult> {
  const { backend, dryRun, timeout, wait, onStep, onAdapter, onFlush } = request;
  // Everything that can be refused is refused before the release: nothing may stop the renew after it.
  const wanted = checkOperationArguments(request.adapter, { timeout, wait });
  const before = readAdapters(backend);
  // A release given up on at --timeout is waited for before its adapter is renewed.
  const inFlight = new InFlightCalls();
  onStep?.("release");
  const released = await runSelectedOperation("release", wanted, {
    backend,
    dryRun,
    timeout,
    inFlight,
    onAdapter: (outcome) => onAdapter?.("release", outcome),
  });
  onStep?.("flushdns");
  const flushed = flushStep(backend, dryRun ?? false);
  onFlush?.(flushed);
  onStep?.("renew");
  const listed = readAfterRelease(backend, before);
  const renewed = await runOperation({
    operation: "renew",
    listed,
    targets: renewTargets(released, listed, before),
    backend,
    dryRun,
    timeout,
    wait,
    inFlight,
    onAdapter: (outcome) => onAdapter?.("renew", outcome),
  });
  const returnValue = released.returnValue !== ReturnValue.Success
    ? released.returnValue
    : renewed.returnValue;
  return { operation: "cycle", returnValue, release: released, flushdns: flushed, renew: renewed };
}
