/**
 * Reads the adapters from the views Windows gives of them and joins them by
 * GUID, never by interface index alone (indexes are reused, and change when an
 * adapter is disabled and enabled again): GetAdaptersAddresses (names, flags,
 * addresses), GetAdaptersInfo (the lease times), and, only when acting,
 * GetInterfaceInfo (the IPv4 device names release and renew take).
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { type AdapterAddressesRecord, decodeAdapterAddresses } from "../ffi/codecs/adapter_addresses.ts";
import { type AdapterInfoRecord, decodeAdapterInfo } from "../ffi/codecs/adapter_info.ts";
import { decodeInterfaceInfo, guidOfDeviceName, type IndexMapEntry } from "../ffi/codecs/interface_info.ts";
import { constants, IP_ADAPTER_INDEX_MAP, IP_INTERFACE_INFO } from "../ffi/layouts.ts";
import { toAdapter } from "./adapter_record.ts";
import { DecodeError, Win32Error } from "./errors.ts";
import type { Adapter } from "./types.ts";
import { fill } from "./win32_buffer.ts";

const ADDRESS_FLAGS = constants.GAA_FLAG_SKIP_ANYCAST | constants.GAA_FLAG_SKIP_MULTICAST |
  constants.GAA_FLAG_INCLUDE_GATEWAYS;

// Microsoft's advice for GetAdaptersAddresses: start at 15 KB, and try again
// with the size it asks for, since adapters can appear between two calls.
const ADDRESSES_FIRST_SIZE = 15_000;
const INTERFACES_FIRST_SIZE = IP_INTERFACE_INFO.Adapter + 16 * IP_ADAPTER_INDEX_MAP.size;
const INFO_FIRST_SIZE = 16_384;

function readAddresses(backend: Backend, family: number): AdapterAddressesRecord[] {
  const filled = fill(
    backend,
    "GetAdaptersAddresses",
    ADDRESSES_FIRST_SIZE,
    (buffer, size) => backend.getAdaptersAddresses(family, ADDRESS_FLAGS, buffer, size),
  );
  return filled ? decodeAdapterAddresses(filled.bytes, filled.base) : [];
}

/** The IPv4 device names release and renew take, by adapter GUID; an entry whose name holds no GUID is left out. */
export function readIndexMaps(backend: Backend): Map<string, IndexMapEntry> {
  const filled = fill(
    backend,
    "GetInterfaceInfo",
    INTERFACES_FIRST_SIZE,
    (buffer, size) => backend.getInterfaceInfo(buffer, size),
  );
  const entries = filled ? decodeInterfaceInfo(filled.bytes) : [];
  const byGuid = new Map<string, IndexMapEntry>();
  for (const entry of entries) {
    const guid = guidOfDeviceName(entry.name);
    if (guid !== null) byGuid.set(guid, entry);
  }
  return byGuid;
}

/**
 * The lease times by adapter GUID. GetAdaptersInfo supplies only these, so a
 * failure or a bad buffer there leaves the leases unknown rather than failing
 * the whole read.
 */
function readLeases(backend: Backend): Map<string, AdapterInfoRecord> {
  try {
    const filled = fill(
      backend,
      "GetAdaptersInfo",
      INFO_FIRST_SIZE,
      (buffer, size) => backend.getAdaptersInfo(buffer, size),
    );
    const records = filled ? decodeAdapterInfo(filled.bytes, filled.base) : [];
    return new Map(records.map((record) => [record.guid, record]));
  } catch (error) {
    if (error instanceof Win32Error || error instanceof DecodeError) return new Map();
    throw error;
  }
}

/** Reads every adapter Windows reports, in the order GetAdaptersAddresses lists them. */
export function readAdapters(backend: Backend): Adapter[] {
  const records = readAddresses(backend, constants.AF_UNSPEC);
  const leases = records.length ? readLeases(backend) : new Map<string, AdapterInfoRecord>();
  return records.map((record) => toAdapter(record, leases.get(record.guid)));
}

/** Every adapter now, by GUID: a read for after a change, without the lease times. */
export function readAdaptersByGuid(backend: Backend): Map<string, Adapter> {
  return new Map(
    readAddresses(backend, constants.AF_UNSPEC).map((
      record,
    ) => [record.guid, toAdapter(record, undefined)]),
  );
}
