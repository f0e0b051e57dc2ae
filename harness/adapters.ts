/**
 * The test adapters of adapters.json as the fake backend serves them. The Iphlpapi double's
 * "standard" scenario is built from the same file (tests/windows/double/gen_adapters.mjs).
 */

import data from "./adapters.json" with { type: "json" };
import type { AddressOrigin, FakeAdapter } from "./win32_buffers.ts";

/** The SDK's enum values that adapters.json names (nldef.h, ifdef.h). */
const ENUMS: Record<string, number> = {
  IpPrefixOriginOther: 0,
  IpPrefixOriginManual: 1,
  IpPrefixOriginWellKnown: 2,
  IpPrefixOriginDhcp: 3,
  IpPrefixOriginRouterAdvertisement: 4,
  IpSuffixOriginOther: 0,
  IpSuffixOriginManual: 1,
  IpSuffixOriginWellKnown: 2,
  IpSuffixOriginDhcp: 3,
  IpSuffixOriginLinkLayerAddress: 4,
  IpSuffixOriginRandom: 5,
  IpDadStateInvalid: 0,
  IpDadStateTentative: 1,
  IpDadStateDuplicate: 2,
  IpDadStateDeprecated: 3,
  IpDadStatePreferred: 4,
};
const OPER_STATUS: Record<string, number> = { up: 1, down: 2 };

/** One unicast address of adapters.json, with its kind's fields filled in. */
export interface UnicastEntry {
  address: string;
  prefixLength: number;
  prefixOrigin: string;
  suffixOrigin: string;
  dadState: string;
  validLifetime: number | "infinite";
  preferredLifetime: number | "infinite";
  leaseLifetime: number | "infinite";
}

type Kinds = Record<string, Omit<UnicastEntry, "address">>;

/** An address's fields: its kind's, overridden by those it names itself. */
export function unicastEntry(entry: { address: string; kind: string }): UnicastEntry {
  const kind = (data.kinds as Kinds)[entry.kind];
  if (!kind) throw new Error(`adapters.json: unknown kind "${entry.kind}" for ${entry.address}`);
  return { ...kind, ...entry } as UnicastEntry;
}

const seconds = (value: number | "infinite") => value === "infinite" ? 0xffff_ffff : value;
const enumValue = (name: string) => {
  if (!(name in ENUMS)) throw new Error(`adapters.json: unknown value "${name}"`);
  return ENUMS[name];
};

function fakeAdapter(adapter: (typeof data.adapters)[number]): FakeAdapter {
  const entries = adapter.unicast.map(unicastEntry);
  // Windows gives a link-local address the interface's index as its scope, as the double does.
  const text = (address: string) => address.startsWith("fe80:") ? `${address}%${adapter.index}` : address;
  const origins: Record<string, AddressOrigin> = {};
  for (const entry of entries) {
    origins[text(entry.address)] = {
      prefix: enumValue(entry.prefixOrigin),
      suffix: enumValue(entry.suffixOrigin),
      dad: enumValue(entry.dadState),
      prefixLength: entry.prefixLength,
      validLifetime: seconds(entry.validLifetime),
      preferredLifetime: seconds(entry.preferredLifetime),
      leaseLifetime: seconds(entry.leaseLifetime),
    };
  }
  const optional = adapter as { gateways?: string[]; dnsServers?: string[]; dhcpServer?: string } & {
    leaseObtained?: number;
    leaseExpires?: number;
  };
  return {
    index: adapter.index,
    guid: adapter.guid,
    friendlyName: adapter.friendlyName,
    description: adapter.description,
    mac: adapter.mac ? adapter.mac.split("-").map((byte) => parseInt(byte, 16)) : [],
    dhcp: adapter.dhcp,
    operStatus: OPER_STATUS[adapter.operStatus],
    ifType: adapter.ifType,
    ipv4Bound: adapter.ipv4Bound,
    addresses: entries.map((entry) => text(entry.address)),
    origins,
    ...(optional.gateways && { gateways: optional.gateways }),
    ...(optional.dnsServers && { dnsServers: optional.dnsServers }),
    ...(optional.dhcpServer && { dhcpServer: optional.dhcpServer }),
    ...(optional.leaseObtained && { leaseObtained: optional.leaseObtained }),
    ...(optional.leaseExpires && { leaseExpires: optional.leaseExpires }),
  };
}

/** The adapters of a typical Windows laptop, a fresh copy each call: the tests' fixture. */
export function laptop(): FakeAdapter[] {
  return data.adapters.map(fakeAdapter);
}
