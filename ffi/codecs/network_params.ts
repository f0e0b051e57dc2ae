/**
 * FIXED_INFO, as GetNetworkParams fills it: the host section of `ipconfig /all`.
 *
 * @module
 */

import { constants, FIXED_INFO as INFO, IP_ADDR_STRING } from "../layouts.ts";
import { BufferReader } from "./reader.ts";

/** What leasectl keeps of FIXED_INFO. */
export interface NetworkParamsRecord {
  hostName: string;
  /** The primary DNS suffix, "" where there is none. */
  domainName: string;
  dnsServers: string[];
  /** NetBIOS node type: 1 broadcast, 2 peer-peer, 4 mixed, 8 hybrid. */
  nodeType: number;
  routingEnabled: boolean;
  winsProxyEnabled: boolean;
}

const ADDRESS_BYTES = 16; // IP_ADDRESS_STRING: char String[4 * 4]

/** Decodes the FIXED_INFO that GetNetworkParams wrote into `bytes`, which sat at address `base`. */
export function decodeNetworkParams(bytes: Uint8Array, base: bigint): NetworkParamsRecord {
  const reader = new BufferReader(bytes, base, "GetNetworkParams");
  reader.check(0, INFO.size, "FIXED_INFO");
  const dnsServers = reader.list(INFO.DnsServerList, IP_ADDR_STRING.Next, IP_ADDR_STRING.size, "DNS servers")
    .map((at) => reader.ansiz(at + IP_ADDR_STRING.IpAddress, "a DNS server", ADDRESS_BYTES))
    .filter((address) => address !== "" && address !== "0.0.0.0");
  return {
    hostName: reader.ansiz(INFO.HostName, "HostName", constants.MAX_HOSTNAME_LEN + 4),
    domainName: reader.ansiz(INFO.DomainName, "DomainName", constants.MAX_DOMAIN_NAME_LEN + 4),
    dnsServers,
    nodeType: reader.u32(INFO.NodeType),
    routingEnabled: reader.u32(INFO.EnableRouting) !== 0,
    winsProxyEnabled: reader.u32(INFO.EnableProxy) !== 0,
  };
}
