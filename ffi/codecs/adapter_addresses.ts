/**
 * IP_ADAPTER_ADDRESSES_LH and its unicast, gateway and DNS server lists, as
 * GetAdaptersAddresses lays them out in the caller's buffer.
 *
 * @module
 */

import {
  IP_ADAPTER_ADDRESSES_LH as RECORD,
  IP_ADAPTER_DNS_SERVER_ADDRESS_XP as DNS,
  IP_ADAPTER_GATEWAY_ADDRESS_LH as GATEWAY,
  IP_ADAPTER_UNICAST_ADDRESS_LH as UNICAST,
  SOCKET_ADDRESS,
} from "../layouts.ts";
import { BufferReader, HEX_BYTE } from "./reader.ts";

/** What leasectl keeps of one IP_ADAPTER_ADDRESSES_LH record. */
export interface AdapterAddressesRecord {
  index: number;
  /** AdapterName: the adapter's GUID, `{…}`. */
  guid: string;
  friendlyName: string;
  description: string;
  /** The physical address as "00-15-5D-AA-BB-01", or null where it has none. */
  mac: string | null;
  flags: number;
  ifType: number;
  operStatus: number;
  /** Unicast addresses, IPv4 and IPv6, in the order Windows lists them. */
  addresses: string[];
  gateways: string[];
  dnsServers: string[];
  dhcpv4Server: string | null;
}

// Dhcpv4Server is among the fields added in Vista; an older record's Length stops short of it.
const DHCPV4_SERVER_END = RECORD.Dhcpv4Server + SOCKET_ADDRESS.size;

/** Decodes the records GetAdaptersAddresses wrote into `bytes`, which sat at address `base`. */
export function decodeAdapterAddresses(bytes: Uint8Array, base: bigint): AdapterAddressesRecord[] {
  const reader = new BufferReader(bytes, base);
  return reader.list(0, RECORD.Next, RECORD.size, "adapters").map((at) => {
    const macLength = Math.min(reader.u32(at + RECORD.PhysicalAddressLength), 8);
    let mac = "";
    for (let i = 0; i < macLength; i++) {
      mac += (i ? "-" : "") + HEX_BYTE[bytes[at + RECORD.PhysicalAddress + i]];
    }
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
      guid: string(RECORD.AdapterName, "AdapterName", false),
      friendlyName: string(RECORD.FriendlyName, "FriendlyName", true),
      description: string(RECORD.Description, "Description", true),
      mac: mac || null,
      flags: reader.u32(at + RECORD.Flags),
      ifType: reader.u32(at + RECORD.IfType),
      operStatus: reader.u32(at + RECORD.OperStatus),
      addresses: addresses(
        RECORD.FirstUnicastAddress,
        UNICAST.Next,
        UNICAST.size,
        UNICAST.Address,
        "unicast addresses",
      ),
      gateways: addresses(
        RECORD.FirstGatewayAddress,
        GATEWAY.Next,
        GATEWAY.size,
        GATEWAY.Address,
        "gateways",
      ),
      dnsServers: addresses(RECORD.FirstDnsServerAddress, DNS.Next, DNS.size, DNS.Address, "DNS servers"),
      dhcpv4Server: reader.u32(at + RECORD.Length) >= DHCPV4_SERVER_END
        ? reader.socketAddress(at + RECORD.Dhcpv4Server, "Dhcpv4Server")
        : null,
    };
  });
}
