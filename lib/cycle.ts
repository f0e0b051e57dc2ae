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
import { Win32Error } from "./errors.ts";
import { runOperation } from "./operations.ts";
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

/** Empties the resolver cache; a failure is an outcome, never a throw. */
function flush(backend: Backend, dryRun: boolean): FlushDnsOutcome {
  if (dryRun) return { status: "done", code: 0 };
  try {
    return backend.flushDnsResolverCache()
      ? { status: "done", code: 0 }
      : { status: "failed", code: Win32ErrorCode.ERROR_FUNCTION_FAILED };
  } catch (error) {
    if (error instanceof Win32Error) return { status: "failed", code: error.code };
    return { status: "failed", code: Win32ErrorCode.ERROR_FUNCTION_FAILED };
  }
}

/** Runs release, flushdns and renew over the adapters `request` selects. */
export async function runCycle(request: CycleRequest): Promise<CycleResult> {
  const { backend, dryRun, timeout, onStep, onAdapter, onFlush } = request;
  // What had a gateway before the release took it away: --wait waits for it to come back.
  const hadGateway = new Set(
    readAdapters(backend).filter((adapter) => adapter.gateways.some(isIpv4)).map((adapter) =>
      adapter.guid.toUpperCase()
    ),
  );
  onStep?.("release");
  const released: OperationResult = await runOperation({
    operation: "release",
    adapter: request.adapter,
    dryRun,
    timeout,
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
    dryRun,
    timeout,
    wait: request.wait,
    hadGateway,
    backend,
    onAdapter: (outcome) => onAdapter?.("renew", outcome),
  });
  const returnValue = released.returnValue !== ReturnValue.Success
    ? released.returnValue
    : renewed.returnValue;
  return { operation: "cycle", returnValue, release: released, flushdns: flushed, renew: renewed };
}
