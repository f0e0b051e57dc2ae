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
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import { isIpv4, readAdapters } from "./adapters.ts";
import { LeasectlError, Win32Error } from "./errors.ts";
import { checkSeconds, runOperation } from "./operations.ts";
import { checkAdapterArgument } from "./select.ts";
import {
  type CycleOptions,
  type CycleResult,
  type FlushDnsOutcome,
  type OperationResult,
  ReturnValue,
} from "./types.ts";

/** What a cycle was asked to do. */
export interface CycleRequest extends CycleOptions {
  adapter?: string;
  backend: Backend;
}

/** Empties the resolver cache; a failure is an outcome, with its cause, never a throw. */
function flush(backend: Backend, dryRun: boolean): FlushDnsOutcome {
  if (dryRun) return { status: "done", code: 0 };
  try {
    if (backend.flushDnsResolverCache()) return { status: "done", code: 0 };
    return {
      status: "failed",
      code: Win32ErrorCode.ERROR_FUNCTION_FAILED,
      reason: "DnsFlushResolverCache returned FALSE: the DNS Client service refused.",
    };
  } catch (error) {
    if (!(error instanceof LeasectlError)) throw error;
    const code = error instanceof Win32Error ? error.code : Win32ErrorCode.ERROR_FUNCTION_FAILED;
    return { status: "failed", code, reason: error.message };
  }
}

/** Runs release, flushdns and renew over the adapters `request` selects. */
export async function runCycle(request: CycleRequest): Promise<CycleResult> {
  const { backend, dryRun, timeout, wait, onStep, onAdapter, onFlush } = request;
  // Everything that can be refused is refused before the release: nothing may stop the renew after it.
  checkSeconds(timeout);
  checkSeconds(wait, "wait");
  if (request.adapter !== undefined) checkAdapterArgument(request.adapter);
  const before = readAdapters(backend);
  // What had a gateway before the release took it away: --wait waits for it to come back.
  const hadGateway = new Set(
    before.filter((adapter) => adapter.gateways.some(isIpv4)).map((adapter) => adapter.guid.toUpperCase()),
  );
  // A release given up on at --timeout is waited for before its adapter is renewed.
  const stillRunning = new Map<string, Promise<unknown>>();
  onStep?.("release");
  const released: OperationResult = await runOperation({
    operation: "release",
    adapter: request.adapter,
    dryRun,
    timeout,
    stillRunning,
    backend,
    onAdapter: (outcome) => onAdapter?.("release", outcome),
  });
  onStep?.("flushdns");
  const flushed = flush(backend, dryRun ?? false);
  onFlush?.(flushed);
  onStep?.("renew");
  const renewed = await runOperation({
    operation: "renew",
    guids: released.adapters.map((outcome) => outcome.guid),
    known: before,
    dryRun,
    timeout,
    wait,
    hadGateway,
    stillRunning,
    backend,
    onAdapter: (outcome) => onAdapter?.("renew", outcome),
  });
  const returnValue = released.returnValue !== ReturnValue.Success
    ? released.returnValue
    : renewed.returnValue;
  return { operation: "cycle", returnValue, release: released, flushdns: flushed, renew: renewed };
}
