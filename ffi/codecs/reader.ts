/**
 * Bounded reads from a buffer that a Win32 call filled. Pointers inside it are
 * turned into offsets from the buffer's base address and checked before they
 * are followed, so a bad buffer gives a {@linkcode DecodeError}, never a read
 * outside the buffer or a loop without end.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { constants, SOCKADDR_IN, SOCKADDR_IN6, SOCKET_ADDRESS } from "../layouts.ts";

/** Two upper-case hex digits for each byte value. */
export const HEX_BYTE: readonly string[] = Array.from(
  { length: 256 },
  (_, byte) => byte.toString(16).toUpperCase().padStart(2, "0"),
);

const CHUNK = 4096; // code units per fromCharCode call: spreading more risks the stack

/**
 * A string from UTF-16 code units (or Latin-1 bytes). Adapter strings are short,
 * and building them in JS is faster than TextDecoder, which in Deno is a call
 * into the runtime for every string; toWellFormed() then does what
 * TextDecoder("utf-16le") does with a lone surrogate.
 */
function fromCodes(
  codes: ArrayLike<number> & { slice(start: number, end: number): ArrayLike<number> },
): string {
  if (codes.length <= CHUNK) return String.fromCharCode.apply(null, codes as number[]).toWellFormed();
  let text = "";
  for (let at = 0; at < codes.length; at += CHUNK) {
    text += String.fromCharCode.apply(null, codes.slice(at, at + CHUNK) as number[]);
  }
  return text.toWellFormed();
}

/**
 * Reads little-endian fields from `bytes`, whose first byte is at address
 * `base`, as the Win32 function `api` filled them: every DecodeError names it.
 */
export class BufferReader {
  readonly bytes: Uint8Array;
  readonly api: string;
  readonly #view: DataView;
  readonly #base: number;

  /** `base` is the address the native call `api` saw for `bytes[0]`. */
  constructor(bytes: Uint8Array, base: bigint, api: string) {
    this.bytes = bytes;
    this.api = api;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#base = Number(base); // user-mode addresses fit a double exactly (below 2^53)
  }

  /** A DecodeError that names this buffer's Win32 call. */
  fail(detail: string): DecodeError {
    return new DecodeError(detail, this.api);
  }

  /** Throws unless `size` bytes at `offset` lie inside the buffer. */
  check(offset: number, size: number, what: string): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > this.bytes.length) {
      throw this.fail(
        `${what} at offset ${offset} (${size} bytes) lies outside the ${this.bytes.length}-byte buffer.`,
      );
    }
  }

  u8(offset: number): number {
    this.check(offset, 1, "a byte");
    return this.#view.getUint8(offset);
  }

  u16(offset: number): number {
    this.check(offset, 2, "a 16-bit field");
    return this.#view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.check(offset, 4, "a 32-bit field");
    return this.#view.getUint32(offset, true);
  }

  i32(offset: number): number {
    this.check(offset, 4, "a 32-bit field");
    return this.#view.getInt32(offset, true);
  }

  i64(offset: number): bigint {
    this.check(offset, 8, "a 64-bit field");
    return this.#view.getBigInt64(offset, true);
  }

  /** Follows the pointer stored at `offset`: its target's offset, or null for NULL. */
  pointer(offset: number, what: string): number | null {
    this.check(offset, 8, "a pointer");
    const low = this.#view.getUint32(offset, true), high = this.#view.getUint32(offset + 4, true);
    if (low === 0 && high === 0) return null;
    const target = high * 2 ** 32 + low - this.#base;
    if (!(target >= 0 && target < this.bytes.length)) {
      throw this.fail(`${what} points outside the buffer Windows filled.`);
    }
    return target;
  }

  /** A NUL-terminated UTF-16 string at `offset`, of at most `maxUnits` units before the NUL. */
  utf16z(offset: number, what: string, maxUnits = Infinity): string {
    const units: number[] = [];
    for (let at = offset;; at += 2) {
      if (units.length > maxUnits || at < 0 || at + 2 > this.bytes.length) {
        throw this.fail(`${what} has no terminating NUL.`);
      }
      const unit = this.#view.getUint16(at, true);
      if (unit === 0) return fromCodes(units);
      units.push(unit);
    }
  }

  /** A NUL-terminated 8-bit string (a GUID or a dotted address) of at most `maxBytes` bytes. */
  ansiz(offset: number, what: string, maxBytes = Infinity): string {
    this.check(offset, 1, what);
    const limit = Math.min(this.bytes.length, offset + maxBytes);
    const end = this.bytes.subarray(offset, limit).indexOf(0);
    if (end < 0) throw this.fail(`${what} has no terminating NUL.`);
    return fromCodes(this.bytes.subarray(offset, offset + end)); // Latin-1
  }

  /**
   * The IPv4 or IPv6 address in the SOCKET_ADDRESS at `offset`, or null where
   * it is empty, or of another family, or too short for its own: an odd but
   * well-formed entry is left out rather than failing the whole read.
   */
  socketAddress(offset: number, what: string): string | null {
    const target = this.pointer(offset + SOCKET_ADDRESS.lpSockaddr, what);
    if (target === null) return null;
    const length = this.i32(offset + SOCKET_ADDRESS.iSockaddrLength);
    this.check(target, 2, what);
    const family = this.u16(target + SOCKADDR_IN.sin_family);
    if (family === constants.AF_INET && length >= SOCKADDR_IN.size) {
      this.check(target, SOCKADDR_IN.size, what);
      return formatIpv4(
        this.bytes.subarray(target + SOCKADDR_IN.sin_addr, target + SOCKADDR_IN.sin_addr + 4),
      );
    }
    if (family === constants.AF_INET6 && length >= SOCKADDR_IN6.size) {
      this.check(target, SOCKADDR_IN6.size, what);
      const address = target + SOCKADDR_IN6.sin6_addr;
      const scope = this.u32(target + SOCKADDR_IN6.sin6_scope_id);
      const text = formatIpv6(this.bytes.subarray(address, address + 16));
      return scope ? `${text}%${scope}` : text;
    }
    return null;
  }

  /**
   * The offsets of the records of a linked list: the first at `first`, each
   * next one where the pointer at `record + nextField` points. Every record
   * must fit the buffer, and a record seen twice is a cycle.
   */
  list(first: number | null, nextField: number, recordSize: number, what: string): number[] {
    const seen = new Set<number>();
    const offsets: number[] = [];
    for (let at = first; at !== null; at = this.pointer(at + nextField, `the Next of ${what}`)) {
      if (seen.has(at)) throw this.fail(`the list of ${what} loops back on itself.`);
      seen.add(at);
      this.check(at, recordSize, what);
      offsets.push(at);
    }
    return offsets;
  }
}

/** "a.b.c.d" from the four bytes, in network order, at `at`. */
export function formatIpv4(bytes: Uint8Array, at = 0): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

/** The RFC 5952 text of an IPv6 address: lower case, the longest run of zero groups as "::". */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  let bestStart = -1, bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(":");
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}
