/**
 * IP_ADAPTER_ADDRESSES_LH and its unicast, gateway, DNS server and DNS suffix
 * lists, as GetAdaptersAddresses lays them out in the caller's buffer.
 *
 * @module
 */

import {
  constants,
  IP_ADAPTER_ADDRESSES_LH as RECORD,
  IP_ADAPTER_DNS_SERVER_ADDRESS_XP as DNS,
  IP_ADAPTER_DNS_SUFFIX as SUFFIX,
  IP_ADAPTER_GATEWAY_ADDRESS_LH as GATEWAY,
  IP_ADAPTER_UNICAST_ADDRESS_LH as UNICAST,
  SOCKET_ADDRESS,
} from "../layouts.ts";
import { BufferReader, HEX_BYTE } from "./reader.ts";

/** What leasectl keeps of one IP_ADAPTER_UNICAST_ADDRESS_LH entry. */
export interface UnicastRecord {
  /** "a.b.c.d", or an IPv6 address with "%zone" where it has a scope. */
  address: string;
  family: 4 | 6;
  /** OnLinkPrefixLength; null where the entry predates it. */
  prefixLength: number | null;
  /** IP_PREFIX_ORIGIN, IP_SUFFIX_ORIGIN and IP_DAD_STATE, as numbers. */
  prefixOrigin: number;
  suffixOrigin: number;
  dadState: number;
  /** Seconds; 0xFFFFFFFF means infinite. */
  validLifetime: number;
  preferredLifetime: number;
  leaseLifetime: number;
}

/** What leasectl keeps of one IP_ADAPTER_ADDRESSES_LH record. */
export interface AdapterAddressesRecord {
  index: number;
  /** AdapterName: the adapter's GUID, `{…}`, upper case: the one form every join and comparison uses. */
  guid: string;
  friendlyName: string;
  description: string;
  /** The physical address as "00-15-5D-AA-BB-01", or null where it has none. */
  mac: string | null;
  flags: number;
  ifType: number;
  operStatus: number;
  /** The connection-specific DNS suffix, "" where there is none. */
  dnsSuffix: string;
  /** Unicast addresses, IPv4 and IPv6, in the order Windows lists them. */
  unicast: UnicastRecord[];
  gateways: string[];
  dnsServers: string[];
  /** The DHCPv4 server; null where there is none, undefined where the record predates the field (XP). */
  dhcpv4Server: string | null | undefined;
  dhcpv6Server: string | null;
  /** The DHCPv6 client DUID as ipconfig prints it ("00-01-00-01-…"), or null where there is none. */
  dhcpv6Duid: string | null;
  dhcpv6Iaid: number;
  /** The adapter's DNS suffix search list. */
  dnsSuffixes: string[];
}

const API = "GetAdaptersAddresses";
// The record grew with each Windows release; its Length says which fields it has.
// The fields up to OperStatus are XP's, and leasectl needs them all.
const XP_END = RECORD.OperStatus + 4;
const GATEWAYS_END = RECORD.FirstGatewayAddress + 8;
const DHCPV4_SERVER_END = RECORD.Dhcpv4Server + SOCKET_ADDRESS.size;
const DHCPV6_END = RECORD.Dhcpv6Iaid + 4;
const DNS_SUFFIXES_END = RECORD.FirstDnsSuffix + 8;
const UNICAST_PREFIX_END = UNICAST.OnLinkPrefixLength + 1;

/** Hex bytes joined by dashes, as ipconfig prints a MAC address or a DUID. */
function dashedHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => HEX_BYTE[byte]).join("-");
}

/** Decodes the records GetAdaptersAddresses wrote into `bytes`, which sat at address `base`. */
export function decodeAdapterAddresses(bytes: Uint8Array, base: bigint): AdapterAddressesRecord[] {
  const reader = new BufferReader(bytes, base, API);
  return reader.list(0, RECORD.Next, XP_END, "adapters").map((at) => {
    const length = reader.u32(at + RECORD.Length);
    // A record shorter than XP's (a zero Length above all) is no adapter: never invent one from it.
    if (length < XP_END) throw reader.fail(`an adapter record says it is ${length} bytes long.`);
    reader.check(at, Math.min(length, RECORD.size), "an adapter record");
    const has = (end: number) => length >= end;
    const macLength = Math.min(
      reader.u32(at + RECORD.PhysicalAddressLength),
      constants.MAX_ADAPTER_ADDRESS_LENGTH,
    );
    const duidLength = has(DHCPV6_END)
      ? Math.min(reader.u32(at + RECORD.Dhcpv6ClientDuidLength), constants.MAX_DHCPV6_DUID_LENGTH)
      : 0;
    const string = (field: number, what: string, wide: boolean) => {
      const target = reader.pointer(at + field, what);
      if (target === null) return "";
      return wide ? reader.utf16z(target, what) : reader.ansiz(target, what);
    };
    const addresses = (first: number, next: number, size: number, address: number, what: string) =>
      reader.list(reader.pointer(at + first, what), next, size, what)
        .map((entry) => reader.socketAddress(entry + address, what))
        .filter((text): text is string => text !== null);
    return {
      index: reader.u32(at + RECORD.IfIndex),
      guid: string(RECORD.AdapterName, "AdapterName", false).toUpperCase(),
      friendlyName: string(RECORD.FriendlyName, "FriendlyName", true),
      description: string(RECORD.Description, "Description", true),
      mac: macLength
        ? dashedHex(bytes.subarray(at + RECORD.PhysicalAddress, at + RECORD.PhysicalAddress + macLength))
        : null,
      flags: reader.u32(at + RECORD.Flags),
      ifType: reader.u32(at + RECORD.IfType),
      operStatus: reader.u32(at + RECORD.OperStatus),
      dnsSuffix: string(RECORD.DnsSuffix, "DnsSuffix", true),
      unicast: decodeUnicast(reader, reader.pointer(at + RECORD.FirstUnicastAddress, "unicast addresses")),
      gateways: has(GATEWAYS_END)
        ? addresses(RECORD.FirstGatewayAddress, GATEWAY.Next, GATEWAY.size, GATEWAY.Address, "gateways")
        : [],
      dnsServers: addresses(RECORD.FirstDnsServerAddress, DNS.Next, DNS.size, DNS.Address, "DNS servers"),
      dhcpv4Server: has(DHCPV4_SERVER_END)
        ? reader.socketAddress(at + RECORD.Dhcpv4Server, "Dhcpv4Server")
        : undefined,
      dhcpv6Server: has(DHCPV6_END) ? reader.socketAddress(at + RECORD.Dhcpv6Server, "Dhcpv6Server") : null,
      dhcpv6Duid: duidLength
        ? dashedHex(bytes.subarray(at + RECORD.Dhcpv6ClientDuid, at + RECORD.Dhcpv6ClientDuid + duidLength))
        : null,
      dhcpv6Iaid: has(DHCPV6_END) ? reader.u32(at + RECORD.Dhcpv6Iaid) : 0,
      dnsSuffixes: has(DNS_SUFFIXES_END)
        ? reader.list(
          reader.pointer(at + RECORD.FirstDnsSuffix, "DNS suffixes"),
          SUFFIX.Next,
          SUFFIX.size,
          "DNS suffixes",
        )
          .map((entry) =>
            reader.utf16z(entry + SUFFIX.String, "A DNS suffix", constants.MAX_DNS_SUFFIX_STRING_LENGTH - 1)
          )
          .filter(Boolean)
        : [],
    };
  });
}

/** The unicast list from its first entry; an entry of an address family leasectl does not know is left out. */
function decodeUnicast(reader: BufferReader, first: number | null): UnicastRecord[] {
  const entries: UnicastRecord[] = [];
  for (const at of reader.list(first, UNICAST.Next, UNICAST.OnLinkPrefixLength, "unicast addresses")) {
    const address = reader.socketAddress(at + UNICAST.Address, "a unicast address");
    if (address === null) continue;
    const length = reader.u32(at + UNICAST.Length);
    entries.push({
      address,
      family: address.includes(":") ? 6 : 4,
      prefixLength: length >= UNICAST_PREFIX_END ? reader.u8(at + UNICAST.OnLinkPrefixLength) : null,
      prefixOrigin: reader.u32(at + UNICAST.PrefixOrigin),
      suffixOrigin: reader.u32(at + UNICAST.SuffixOrigin),
      dadState: reader.u32(at + UNICAST.DadState),
      validLifetime: reader.u32(at + UNICAST.ValidLifetime),
      preferredLifetime: reader.u32(at + UNICAST.PreferredLifetime),
      leaseLifetime: reader.u32(at + UNICAST.LeaseLifetime),
    });
  }
  return entries;
}
