/**
 * Reads the adapters from the three views Windows gives of them and joins them
 * by interface index: GetAdaptersAddresses (names, flags, addresses),
 * GetInterfaceInfo (the IPv4 device names release and renew take) and
 * GetAdaptersInfo (the lease times).
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { decodeAdapterAddresses } from "../ffi/codecs/adapter_addresses.ts";
import { decodeAdapterInfo } from "../ffi/codecs/adapter_info.ts";
import { decodeInterfaceInfo, type IndexMapEntry } from "../ffi/codecs/interface_info.ts";
import { constants, IP_ADAPTER_INDEX_MAP, IP_INTERFACE_INFO } from "../ffi/layouts.ts";
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import { Win32Error } from "./errors.ts";
import type { Adapter, OperStatus } from "./types.ts";

/** The adapters, and the index map entry of each IPv4-enabled one. */
export interface AdapterSnapshot {
  adapters: Adapter[];
  indexMaps: Map<number, IndexMapEntry>;
}

const OPER_STATUS: Record<number, OperStatus> = {
  1: "up",
  2: "down",
  3: "testing",
  4: "unknown",
  5: "dormant",
  6: "notPresent",
  7: "lowerLayerDown",
};

const ADDRESS_FLAGS = constants.GAA_FLAG_SKIP_ANYCAST | constants.GAA_FLAG_SKIP_MULTICAST |
  constants.GAA_FLAG_INCLUDE_GATEWAYS;

// Microsoft's advice for GetAdaptersAddresses: start at 15 KB, and try again
// with the size it asks for, since adapters can appear between two calls.
const ADDRESSES_FIRST_SIZE = 15_000;
const INTERFACES_FIRST_SIZE = IP_INTERFACE_INFO.Adapter + 16 * IP_ADAPTER_INDEX_MAP.size;
const INFO_FIRST_SIZE = 16_384;
const MAX_ATTEMPTS = 5;

/** The Win32Error for `code` returned by `api`, with the system's text for it. */
export function win32Error(backend: Backend, api: string, code: number): Win32Error {
  let text: string | undefined;
  try {
    text = backend.formatMessage(code);
  } catch {
    text = undefined; // the code and its name still say what happened
  }
  return new Win32Error(api, code, text);
}

/**
 * Calls a Win32 function that fills a caller's buffer, growing the buffer to
 * the size it asks for until the data fits. Null when it reports no data.
 */
function fill(
  backend: Backend,
  api: string,
  firstSize: number,
  call: (buffer: Uint8Array, size: Uint32Array) => number,
): { bytes: Uint8Array; base: bigint } | null {
  let size = firstSize;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const bytes = new Uint8Array(size);
    const asked = new Uint32Array([size]);
    const code = call(bytes, asked);
    if (code === Win32ErrorCode.ERROR_SUCCESS) return { bytes, base: backend.addressOf(bytes) };
    if (code === Win32ErrorCode.ERROR_NO_DATA) return null;
    if (code !== Win32ErrorCode.ERROR_BUFFER_OVERFLOW && code !== Win32ErrorCode.ERROR_INSUFFICIENT_BUFFER) {
      throw win32Error(backend, api, code);
    }
    size = Math.max(asked[0], size + 1);
  }
  throw win32Error(backend, api, Win32ErrorCode.ERROR_BUFFER_OVERFLOW);
}

function readAddresses(backend: Backend, family: number) {
  const filled = fill(
    backend,
    "GetAdaptersAddresses",
    ADDRESSES_FIRST_SIZE,
    (buffer, size) => backend.getAdaptersAddresses(family, ADDRESS_FLAGS, buffer, size),
  );
  return filled ? decodeAdapterAddresses(filled.bytes, filled.base) : [];
}

function readIndexMaps(backend: Backend): IndexMapEntry[] {
  const filled = fill(
    backend,
    "GetInterfaceInfo",
    INTERFACES_FIRST_SIZE,
    (buffer, size) => backend.getInterfaceInfo(buffer, size),
  );
  return filled ? decodeInterfaceInfo(filled.bytes) : [];
}

function readLeases(backend: Backend) {
  const filled = fill(
    backend,
    "GetAdaptersInfo",
    INFO_FIRST_SIZE,
    (buffer, size) => backend.getAdaptersInfo(buffer, size),
  );
  return filled ? decodeAdapterInfo(filled.bytes, filled.base) : [];
}

const isIpv4 = (address: string) => !address.includes(":");

function isoTime(secondsSince1970: number): string | null {
  if (secondsSince1970 <= 0) return null;
  const date = new Date(secondsSince1970 * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Reads every adapter Windows reports, in the order GetAdaptersAddresses lists them. */
export function readAdapters(backend: Backend): AdapterSnapshot {
  const records = readAddresses(backend, constants.AF_UNSPEC);
  const indexMaps = new Map(readIndexMaps(backend).map((entry) => [entry.index, entry]));
  const leases = new Map(readLeases(backend).map((info) => [info.index, info]));
  const adapters = records.map((record): Adapter => {
    const dhcpEnabled = (record.flags & constants.IP_ADAPTER_DHCP_ENABLED) !== 0;
    const lease = dhcpEnabled ? leases.get(record.index) : undefined;
    return {
      index: record.index,
      guid: record.guid,
      friendlyName: record.friendlyName,
      description: record.description,
      mac: record.mac,
      operStatus: OPER_STATUS[record.operStatus] ?? "unknown",
      interfaceType: record.ifType,
      dhcpEnabled,
      ipv4Enabled: indexMaps.has(record.index),
      loopback: record.ifType === constants.IF_TYPE_SOFTWARE_LOOPBACK,
      ipv4: record.addresses.filter(isIpv4),
      ipv6: record.addresses.filter((address) => !isIpv4(address)),
      gateways: record.gateways,
      dnsServers: record.dnsServers,
      dhcpServer: dhcpEnabled ? record.dhcpv4Server ?? lease?.dhcpServer ?? null : null,
      leaseObtained: isoTime(lease?.leaseObtained ?? 0),
      leaseExpires: isoTime(lease?.leaseExpires ?? 0),
    };
  });
  return { adapters, indexMaps };
}

/** The IPv4 addresses of every adapter now, by interface index: a light read for after a change. */
export function readIpv4Addresses(backend: Backend): Map<number, string[]> {
  return new Map(readAddresses(backend, constants.AF_INET).map((record) => [record.index, record.addresses]));
}
