/**
 * DnsFlushResolverCache, once for both its callers: `flushDns()` throws its
 * failure, a cycle's flushdns step reports it as an outcome.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import { win32Error } from "./win32_buffer.ts";
import { LeasectlError, Win32Error } from "./errors.ts";
import type { FlushDnsOutcome } from "./types.ts";

/** Empties the resolver cache; throws a Win32Error when the DNS Client refuses (the call returns FALSE). */
export function flushResolverCache(backend: Backend): void {
  if (!backend.flushDnsResolverCache()) {
    throw win32Error(backend, "DnsFlushResolverCache", Win32ErrorCode.ERROR_FUNCTION_FAILED);
  }
}

/** A cycle's flushdns step: a failure is an outcome, with its cause, never a throw; a dry run calls nothing. */
export function flushStep(backend: Backend, dryRun: boolean): FlushDnsOutcome {
  if (dryRun) return { status: "done", code: 0 };
  try {
    flushResolverCache(backend);
    return { status: "done", code: 0 };
  } catch (error) {
    if (!(error instanceof LeasectlError)) throw error;
    const code = error instanceof Win32Error ? error.code : Win32ErrorCode.ERROR_FUNCTION_FAILED;
    return { status: "failed", code, reason: error.message };
  }
}
