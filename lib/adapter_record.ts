/**
 * One adapter as leasectl shows it, from the records Windows' views give of
 * it: GetAdaptersAddresses' record (names, flags, addresses) joined with
 * GetAdaptersInfo's (the lease times) by GUID.
 *
 * @module
 */

import type { AdapterAddressesRecord, UnicastRecord } from "../ffi/codecs/adapter_addresses.ts";
import type { AdapterInfoRecord } from "../ffi/codecs/adapter_info.ts";
import { constants } from "../ffi/layouts.ts";
import type { Adapter, AddressInfo, AddressOrigin, AddressState, OperStatus } from "./types.ts";

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

const INFINITE = 0xffff_ffff;

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
export function toAdapter(
  record: AdapterAddressesRecord,
  leaseRecord: AdapterInfoRecord | undefined,
): Adapter {
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
