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
import {
  type AdapterAddressesRecord,
  decodeAdapterAddresses,
  type UnicastRecord,
} from "../ffi/codecs/adapter_addresses.ts";
import { type AdapterInfoRecord, decodeAdapterInfo } from "../ffi/codecs/adapter_info.ts";
import { decodeInterfaceInfo, guidOfDeviceName, type IndexMapEntry } from "../ffi/codecs/interface_info.ts";
import { decodeNetworkParams } from "../ffi/codecs/network_params.ts";
import { constants, FIXED_INFO, IP_ADAPTER_INDEX_MAP, IP_INTERFACE_INFO } from "../ffi/layouts.ts";
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import { DecodeError, Win32Error } from "./errors.ts";
import type {
  Adapter,
  AddressInfo,
  AddressOrigin,
  AddressState,
  HostInfo,
  NodeType,
  OperStatus,
} from "./types.ts";

const OPER_STATUS: Record<number, OperStatus> = {
  1: "up",
  2: "down",
  3: "testing",
  4: "unknown",
  5: "dormant",
  6: "notPresent",
  7: "lowerLayerDown",
};

// IP_PREFIX_ORIGIN and IP_SUFFIX_ORIGIN share their numbers where they share names (nldef.h).
const PREFIX_ORIGIN: Record<number, AddressOrigin> = {
  0: "other",
  1: "manual",
  2: "wellKnown",
  3: "dhcp",
  4: "routerAdvertisement",
  16: "unchanged",
};
const SUFFIX_ORIGIN: Record<number, AddressOrigin> = {
  0: "other",
  1: "manual",
  2: "wellKnown",
  3: "dhcp",
  4: "linkLayerAddress",
  5: "random",
  16: "unchanged",
};
const DAD_STATE: Record<number, AddressState> = {
  0: "invalid",
  1: "tentative",
  2: "duplicate",
  3: "deprecated",
  4: "preferred",
};
const NODE_TYPE: Record<number, NodeType> = { 1: "broadcast", 2: "peerPeer", 4: "mixed", 8: "hybrid" };

const INFINITE = 0xffff_ffff;

const ADDRESS_FLAGS = constants.GAA_FLAG_SKIP_ANYCAST | constants.GAA_FLAG_SKIP_MULTICAST |
  constants.GAA_FLAG_INCLUDE_GATEWAYS;

// Microsoft's advice for GetAdaptersAddresses: start at 15 KB, and try again
// with the size it asks for, since adapters can appear between two calls.
const ADDRESSES_FIRST_SIZE = 15_000;
const INTERFACES_FIRST_SIZE = IP_INTERFACE_INFO.Adapter + 16 * IP_ADAPTER_INDEX_MAP.size;
const INFO_FIRST_SIZE = 16_384;
const MAX_ATTEMPTS = 5;
/** More than any real answer needs (64 adapters take 43 KB): a larger size asked for is a bad answer. */
const MAX_BUFFER_BYTES = 16 * 1024 * 1024;

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
    if (size > MAX_BUFFER_BYTES) {
      throw new DecodeError(`it asked for a buffer of ${size} bytes, more than any adapter list needs.`, api);
    }
  }
  throw win32Error(backend, api, Win32ErrorCode.ERROR_BUFFER_OVERFLOW);
}

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

/** Whether an address is IPv4 ("a.b.c.d") rather than IPv6. */
export const isIpv4 = (address: string): boolean => !address.includes(":");
/** 169.254.0.0/16: the address Windows gives itself when no DHCP server answered (APIPA). */
export const isAutoconfigured = (address: string): boolean => address.startsWith("169.254.");
/** The addresses that mean "no server": DHCP has not answered, or the lease is gone. */
const NO_SERVER = new Set(["0.0.0.0", "255.255.255.255"]);

function isoTime(secondsSince1970: number): string | null {
  if (secondsSince1970 <= 0) return null;
  const date = new Date(secondsSince1970 * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const lifetime = (seconds: number) => seconds === INFINITE ? null : seconds;

function addressInfo(entry: UnicastRecord): AddressInfo {
  return {
    address: entry.address,
    family: entry.family,
    prefixLength: entry.prefixLength,
    prefixOrigin: PREFIX_ORIGIN[entry.prefixOrigin] ?? null,
    suffixOrigin: SUFFIX_ORIGIN[entry.suffixOrigin] ?? null,
    state: DAD_STATE[entry.dadState] ?? null,
    validLifetime: lifetime(entry.validLifetime),
    preferredLifetime: lifetime(entry.preferredLifetime),
    leaseLifetime: lifetime(entry.leaseLifetime),
    autoconfigured: entry.family === 4 && isAutoconfigured(entry.address),
  };
}

/** One adapter, from its GetAdaptersAddresses record and its GetAdaptersInfo lease record. */
function toAdapter(record: AdapterAddressesRecord, leaseRecord: AdapterInfoRecord | undefined): Adapter {
  const flag = (bit: number) => (record.flags & bit) !== 0;
  const dhcpEnabled = flag(constants.IP_ADAPTER_DHCP_ENABLED);
  const addresses = record.unicast.map(addressInfo);
  const ipv4 = addresses.filter((entry) => entry.family === 4).map((entry) => entry.address);
  const operStatus = OPER_STATUS[record.operStatus] ?? "unknown";
  // A lease is real only on a connected DHCP adapter that has an address and a server: a disconnected
  // or released adapter keeps stale times, and 0.0.0.0 / 255.255.255.255 mean no server. The record's own
  // Dhcpv4Server decides where it has the field; GetAdaptersInfo's only for records older than it.
  const named = record.dhcpv4Server === undefined ? leaseRecord?.dhcpServer : record.dhcpv4Server;
  const server = named && !NO_SERVER.has(named) ? named : null;
  const leased = dhcpEnabled && operStatus === "up" && server !== null &&
    ipv4.some((address) => !isAutoconfigured(address));
  return {
    index: record.index,
    guid: record.guid,
    friendlyName: record.friendlyName,
    description: record.description,
    mac: record.mac,
    operStatus,
    interfaceType: record.ifType,
    dhcpEnabled,
    ipv4Enabled: flag(constants.IP_ADAPTER_IPV4_ENABLED),
    ipv6Enabled: flag(constants.IP_ADAPTER_IPV6_ENABLED),
    netbiosOverTcpip: flag(constants.IP_ADAPTER_NETBIOS_OVER_TCPIP_ENABLED),
    loopback: record.ifType === constants.IF_TYPE_SOFTWARE_LOOPBACK,
    ipv4,
    ipv6: addresses.filter((entry) => entry.family === 6).map((entry) => entry.address),
    gateways: record.gateways,
    dnsServers: record.dnsServers,
    dnsSuffix: record.dnsSuffix,
    dnsSuffixes: record.dnsSuffixes,
    dhcpServer: leased ? server : null,
    leaseObtained: leased ? isoTime(leaseRecord?.leaseObtained ?? 0) : null,
    leaseExpires: leased ? isoTime(leaseRecord?.leaseExpires ?? 0) : null,
    dhcpv6: record.dhcpv6Duid === null
      ? null
      : { iaid: record.dhcpv6Iaid, duid: record.dhcpv6Duid, server: record.dhcpv6Server },
    addresses,
  };
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

/** The host section of `ipconfig /all`, from GetNetworkParams. */
export function readHostInfo(backend: Backend): HostInfo {
  const filled = fill(
    backend,
    "GetNetworkParams",
    FIXED_INFO.size,
    (buffer, size) => backend.getNetworkParams(buffer, size),
  );
  if (!filled) throw win32Error(backend, "GetNetworkParams", Win32ErrorCode.ERROR_NO_DATA);
  const params = decodeNetworkParams(filled.bytes, filled.base);
  return {
    hostName: params.hostName,
    primaryDnsSuffix: params.domainName,
    nodeType: NODE_TYPE[params.nodeType] ?? "unknown",
    ipRoutingEnabled: params.routingEnabled,
    winsProxyEnabled: params.winsProxyEnabled,
  };
}
