/**
 * The outcome of a release, a release6 or a renew6 whose call returned: the
 * call's code decides, and the addresses are read again either way.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { describeWin32Code, Win32ErrorCode } from "../ffi/win32_errors.ts";
import { outcomeOf, readAfter } from "./outcome.ts";
import type { Adapter, AdapterOutcome } from "./types.ts";

/** Done when the call returned 0; otherwise failed with the system's words for its code. */
export function callOutcome(backend: Backend, adapter: Adapter, code: number): AdapterOutcome {
  const after = readAfter(backend, adapter);
  if (code === Win32ErrorCode.ERROR_SUCCESS) {
    return outcomeOf(adapter, { status: "done", code, reason: null, ...after });
  }
  const reason = describeWin32Code(code, backend.formatMessage(code));
  return outcomeOf(adapter, { status: "failed", code, reason, ...after });
}
