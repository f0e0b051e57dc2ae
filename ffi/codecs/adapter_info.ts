/**
 * IP_ADAPTER_INFO, as GetAdaptersInfo lays it out: leasectl reads it for what
 * only it reports, the lease times (and the DHCP server on older systems).
 *
 * @module
 */

import { constants, IP_ADAPTER_INFO as RECORD, IP_ADDR_STRING } from "../layouts.ts";
import { BufferReader } from "./reader.ts";

/** What leasectl keeps of one IP_ADAPTER_INFO record. */
export interface AdapterInfoRecord {
  index: number;
  /** AdapterName: the adapter's GUID, `{…}`, upper case: the one form every join and comparison uses. */
  guid: string;
  dhcpEnabled: boolean;
  /** The DHCP server's dotted address, or null where there is none. */
  dhcpServer: string | null;
  /** Seconds since 1970 (UTC); 0 where there is no lease. */
  leaseObtained: number;
  leaseExpires: number;
}

const ADAPTER_NAME_BYTES = constants.MAX_ADAPTER_NAME_LENGTH + 4; // char AdapterName[MAX_ADAPTER_NAME_LENGTH + 4]
const ADDRESS_BYTES = 16; // IP_ADDRESS_STRING: char String[4 * 4]
const NO_ADDRESS = new Set(["", "0.0.0.0", "255.255.255.255"]);

/** Decodes the records GetAdaptersInfo wrote into `bytes`, which sat at address `base`. */
export function decodeAdapterInfo(bytes: Uint8Array, base: bigint): AdapterInfoRecord[] {
  const reader = new BufferReader(bytes, base, "GetAdaptersInfo");
  return reader.list(0, RECORD.Next, RECORD.size, "adapters").map((at) => {
    const server = reader.ansiz(
      at + RECORD.DhcpServer + IP_ADDR_STRING.IpAddress,
      "DhcpServer",
      ADDRESS_BYTES,
    );
    return {
      index: reader.u32(at + RECORD.Index),
      guid: reader.ansiz(at + RECORD.AdapterName, "AdapterName", ADAPTER_NAME_BYTES).toUpperCase(),
      dhcpEnabled: reader.u32(at + RECORD.DhcpEnabled) !== 0,
      dhcpServer: NO_ADDRESS.has(server) ? null : server,
      leaseObtained: Number(reader.i64(at + RECORD.LeaseObtained)),
      leaseExpires: Number(reader.i64(at + RECORD.LeaseExpires)),
    };
  });
}
