/**
 * Win32 functions that fill a caller's buffer (GetAdaptersAddresses,
 * GetAdaptersInfo, GetInterfaceInfo, GetNetworkParams): the buffer grown to the
 * size asked for, a bounded number of times, and a failure's code turned into
 * its Win32Error with the system's text. Each function's buffer is kept and
 * reused: a fresh 15 KB buffer per reading, thousands of readings in a long run,
 * grew the process by 20 MiB in 4,000 release+renew cycles (docs/performance.md;
 * bench/soak.ts), though every one of them was collected.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import { win32Error as errorFor } from "../ffi/errors.ts";
import { DecodeError, type Win32Error } from "./errors.ts";

const MAX_ATTEMPTS = 5;
/** More than any real answer needs (64 adapters take 43 KB): a larger size asked for is a bad answer. */
const MAX_BUFFER_BYTES = 16 * 1024 * 1024;
/** The largest buffer kept between two readings; a larger answer gets a buffer of its own each time. */
const MAX_KEPT_BYTES = 256 * 1024;

/** Each backend's buffer per function, reused by the next reading. */
const kept = new WeakMap<Backend, Map<string, Uint8Array>>();

/**
 * A zeroed buffer of `size` bytes for `api`: the one kept from the last reading
 * where it is large enough. Its bytes are decoded before the next reading, as
 * every caller here decodes at once (and JavaScript runs one reading at a time).
 */
function bufferFor(backend: Backend, api: string, size: number): Uint8Array {
  let buffers = kept.get(backend);
  if (!buffers) kept.set(backend, buffers = new Map());
  const buffer = buffers.get(api);
  if (buffer && buffer.length >= size) return buffer.fill(0);
  const fresh = new Uint8Array(size);
  if (size <= MAX_KEPT_BYTES) buffers.set(api, fresh);
  return fresh;
}

/** The Win32Error for `code` returned by `api`, with the system's text for it. */
export function win32Error(backend: Backend, api: string, code: number): Win32Error {
  return errorFor(api, code, (code) => backend.formatMessage(code));
}

/**
 * Calls a Win32 function that fills a caller's buffer, growing the buffer to
 * the size it asks for until the data fits. Null when it reports no data. The
 * bytes are the function's kept buffer: decode them before the next call.
 */
export function fill(
  backend: Backend,
  api: string,
  firstSize: number,
  call: (buffer: Uint8Array, size: Uint32Array) => number,
): { bytes: Uint8Array; base: bigint } | null {
  let size = firstSize;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const bytes = bufferFor(backend, api, size);
    const asked = new Uint32Array([bytes.length]);
    const code = call(bytes, asked);
    if (code === Win32ErrorCode.ERROR_SUCCESS) return { bytes, base: backend.addressOf(bytes) };
    if (code === Win32ErrorCode.ERROR_NO_DATA) return null;
    if (code !== Win32ErrorCode.ERROR_BUFFER_OVERFLOW && code !== Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER) {
      throw win32Error(backend, api, code);
    }
    size = Math.max(asked[0], bytes.length + 1);
    if (size > MAX_BUFFER_BYTES) {
      throw new DecodeError(`it asked for a buffer of ${size} bytes, more than any adapter list needs.`, api);
    }
  }
  throw win32Error(backend, api, Win32ErrorCode.ERROR_BUFFER_OVERFLOW);
}
