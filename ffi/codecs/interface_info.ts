/**
 * IP_INTERFACE_INFO (from GetInterfaceInfo) and IP_ADAPTER_INDEX_MAP (what
 * IpReleaseAddress / IpRenewAddress take).
 *
 * @module
 */

import { EncodeError } from "../errors.ts";
import { constants, IP_ADAPTER_INDEX_MAP, IP_INTERFACE_INFO } from "../layouts.ts";
import { BufferReader } from "./reader.ts";

/** One entry of the interface table: an IPv4-enabled adapter as release/renew name it. */
export interface IndexMapEntry {
  /** The interface index. */
  index: number;
  /** The device name, `\DEVICE\TCPIP_{GUID}`, or on some systems `{GUID}` alone. */
  name: string;
}

/** An index map entry's name: `\DEVICE\TCPIP_{GUID}`, or `{GUID}` alone, with a well-formed GUID. */
const INDEX_MAP_NAME =
  /^(?:\\device\\tcpip_)?(\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\})$/i;

/**
 * The GUID an index map's device name holds, upper case: from
 * `\DEVICE\TCPIP_{GUID}` or from `{GUID}` alone. Null for any other name:
 * such an entry cannot be matched to an adapter for certain.
 */
export function guidOfDeviceName(name: string): string | null {
  return INDEX_MAP_NAME.exec(name)?.[1].toUpperCase() ?? null;
}

/** The longest name an index map holds: MAX_ADAPTER_NAME WCHARs, one of them the NUL. */
export const MAX_INDEX_MAP_NAME = constants.MAX_ADAPTER_NAME - 1;

/** Decodes the IP_INTERFACE_INFO that GetInterfaceInfo wrote into `bytes`. */
export function decodeInterfaceInfo(bytes: Uint8Array): IndexMapEntry[] {
  const reader = new BufferReader(bytes, 0n, "GetInterfaceInfo");
  const count = reader.i32(IP_INTERFACE_INFO.NumAdapters);
  const end = IP_INTERFACE_INFO.Adapter + count * IP_ADAPTER_INDEX_MAP.size;
  if (count < 0 || end > bytes.length) {
    throw reader.fail(`it reported ${count} adapters, which do not fit its ${bytes.length}-byte buffer.`);
  }
  const entries: IndexMapEntry[] = [];
  for (let n = 0; n < count; n++) {
    const at = IP_INTERFACE_INFO.Adapter + n * IP_ADAPTER_INDEX_MAP.size;
    entries.push({
      index: reader.u32(at + IP_ADAPTER_INDEX_MAP.Index),
      name: reader.utf16z(at + IP_ADAPTER_INDEX_MAP.Name, "An interface name", MAX_INDEX_MAP_NAME),
    });
  }
  return entries;
}

/** Writes the IP_ADAPTER_INDEX_MAP for `entry`, refusing a name that would not fit. */
export function encodeIndexMap(entry: IndexMapEntry): Uint8Array {
  const { index, name } = entry;
  if (!Number.isInteger(index) || index < 0 || index > 0xffff_ffff) {
    throw new EncodeError(`Interface index ${index} is not a 32-bit unsigned whole number.`);
  }
  if (name.length > MAX_INDEX_MAP_NAME) {
    throw new EncodeError(
      `The device name of interface ${index} is ${name.length} characters long; ` +
        `an IP_ADAPTER_INDEX_MAP holds at most ${MAX_INDEX_MAP_NAME}.`,
    );
  }
  if (name.includes("\0")) {
    throw new EncodeError(`The device name of interface ${index} contains a NUL character.`);
  }
  const bytes = new Uint8Array(IP_ADAPTER_INDEX_MAP.size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(IP_ADAPTER_INDEX_MAP.Index, index, true);
  for (let i = 0; i < name.length; i++) {
    view.setUint16(IP_ADAPTER_INDEX_MAP.Name + 2 * i, name.charCodeAt(i), true);
  }
  return bytes; // the rest of Name is already zero, the NUL included
}
