/**
 * The DHCPCAPI_PARAMS array that DhcpRequestParams (and, with the same layout,
 * Dhcpv6RequestParams) takes and fills: leasectl writes the option codes, the
 * call writes each answer's `Data` pointer, into the caller's Buffer, and its
 * length. Those pointers are checked against the Buffer before any byte is read.
 *
 * @module
 */

import { DecodeError } from "../errors.ts";
import { DHCPCAPI_PARAMS as PARAMS, DHCPCAPI_PARAMS_ARRAY as ARRAY } from "../layouts.ts";

/** The DHCPCAPI_PARAMS array asking for `codes`: Flags, IsVendor, Data and nBytesData all 0. */
export function encodeParams(codes: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(codes.length * PARAMS.size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  codes.forEach((code, i) => view.setUint32(i * PARAMS.size + PARAMS.OptionId, code, true));
  return bytes;
}

/** A DHCPCAPI_PARAMS_ARRAY, the bytes of the struct passed by value: `count` entries at `params`. */
export function encodeParamsArray(count: number, params: bigint): Uint8Array {
  const bytes = new Uint8Array(ARRAY.size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(ARRAY.nParams, count, true);
  view.setBigUint64(ARRAY.Params, params, true);
  return bytes;
}

/**
 * The answers in `params`, as `api` filled them, by option code: each one's
 * bytes copied out of `buffer`, which sat at address `base`. An option whose
 * nBytesData is 0 is one the client does not hold, and is left out. Throws a
 * DecodeError naming `api` when an entry's code is not the one asked for, or
 * its Data does not lie wholly inside `buffer`.
 */
export function decodeParams(
  codes: readonly number[],
  params: Uint8Array,
  buffer: Uint8Array,
  base: bigint,
  api: string,
): Map<number, Uint8Array> {
  if (params.length < codes.length * PARAMS.size) {
    throw new DecodeError(`its parameter array holds fewer than ${codes.length} entries.`, api);
  }
  const view = new DataView(params.buffer, params.byteOffset, params.byteLength);
  const answers = new Map<number, Uint8Array>();
  codes.forEach((code, i) => {
    const at = i * PARAMS.size;
    const id = view.getUint32(at + PARAMS.OptionId, true);
    if (id !== code) throw new DecodeError(`entry ${i} names option ${id}, not the ${code} asked for.`, api);
    const length = view.getUint32(at + PARAMS.nBytesData, true);
    if (length === 0) return;
    const offset = view.getBigUint64(at + PARAMS.Data, true) - base;
    if (offset < 0n || offset + BigInt(length) > BigInt(buffer.length)) {
      throw new DecodeError(
        `option ${code}'s ${length} bytes of data lie outside the ${buffer.length}-byte buffer given.`,
        api,
      );
    }
    answers.set(code, buffer.slice(Number(offset), Number(offset) + length));
  });
  return answers;
}
