/**
 * DHCP option values, decoded by type: pure functions over the option's bytes,
 * as the server sent them (network byte order). Nothing here throws: a value
 * that does not parse as its type is `null`, and the caller keeps the bytes as
 * hex beside it (docs/contracts.md, `options`).
 *
 * @module
 */

import { formatIpv4, formatIpv6, HEX_BYTE } from "./reader.ts";

/** How an option's bytes are read. */
export type OptionType =
  | "address"
  | "addresses"
  | "seconds"
  | "text"
  | "domainList"
  | "classlessRoutes"
  | "nodeType"
  | "ipv6Addresses"
  | "hex";

/** One route of RFC 3442's classless static routes (options 121 and 249). */
export interface ClasslessRoute {
  /** The destination as "a.b.c.d/width". */
  destination: string;
  /** The router, "0.0.0.0" for a directly connected subnet. */
  router: string;
}

/** A decoded value: a string, a list of them, a number, routes; null where the bytes are malformed. */
export type OptionValue = string | string[] | number | ClasslessRoute[] | null;

/** What an option is called and how its bytes are read. */
export interface OptionKind {
  name: string;
  label: string;
  type: OptionType;
}

/** The DHCPv4 options leasectl knows by name, with ipconfig-style labels for the human output. */
export const DHCPV4_OPTIONS: Readonly<Record<number, OptionKind>> = {
  1: { name: "subnetMask", label: "Subnet Mask", type: "address" },
  3: { name: "router", label: "Default Gateway", type: "addresses" },
  6: { name: "dnsServers", label: "DNS Servers", type: "addresses" },
  12: { name: "hostName", label: "Host Name", type: "text" },
  15: { name: "domainName", label: "Domain Name", type: "text" },
  28: { name: "broadcastAddress", label: "Broadcast Address", type: "address" },
  42: { name: "ntpServers", label: "NTP Servers", type: "addresses" },
  43: { name: "vendorSpecific", label: "Vendor-specific Information", type: "hex" },
  44: { name: "netbiosNameServers", label: "NetBIOS Name Servers", type: "addresses" },
  46: { name: "netbiosNodeType", label: "NetBIOS Node Type", type: "nodeType" },
  51: { name: "leaseTime", label: "Lease Time (seconds)", type: "seconds" },
  54: { name: "serverIdentifier", label: "DHCP Server", type: "address" },
  58: { name: "renewalTime", label: "Renewal Time T1 (seconds)", type: "seconds" },
  59: { name: "rebindingTime", label: "Rebinding Time T2 (seconds)", type: "seconds" },
  66: { name: "tftpServer", label: "TFTP Server", type: "text" },
  67: { name: "bootFile", label: "Boot File", type: "text" },
  119: { name: "domainSearchList", label: "Domain Search List", type: "domainList" },
  121: { name: "classlessStaticRoutes", label: "Classless Static Routes", type: "classlessRoutes" },
  249: { name: "msClasslessStaticRoutes", label: "Classless Static Routes (249)", type: "classlessRoutes" },
  252: { name: "wpadUrl", label: "WPAD URL", type: "text" },
};

/** The DHCPv6 options leasectl reads (RFC 3646). */
export const DHCPV6_OPTIONS: Readonly<Record<number, OptionKind>> = {
  23: { name: "dnsServers", label: "DHCPv6 DNS Servers", type: "ipv6Addresses" },
  24: { name: "domainList", label: "DHCPv6 Domain List", type: "domainList" },
};

/** The DHCPv4 options read when none are asked for: those admins debug. */
export const DEFAULT_DHCPV4_OPTIONS: readonly number[] = Object.keys(DHCPV4_OPTIONS).map(Number);
/** The DHCPv6 options read when none are asked for. */
export const DEFAULT_DHCPV6_OPTIONS: readonly number[] = Object.keys(DHCPV6_OPTIONS).map(Number);

/** One option as leasectl reports it. */
export interface DecodedOption {
  /** The option code, 1–254. */
  code: number;
  /** leasectl's name for it, "unknown" for a code it does not know. */
  name: string;
  /** 4 for DHCPv4, 6 for DHCPv6. */
  family: 4 | 6;
  /** Decoded by type; hex for an unknown code; null where the bytes are malformed. */
  value: OptionValue;
  /** The option's bytes, as lower-case hex. */
  raw: string;
}

/** The bytes as lower-case hex, two digits each. */
export function hex(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += HEX_BYTE[byte];
  return text.toLowerCase();
}

/** Addresses of `size` bytes each, at least one; null unless the length is a whole number of them. */
function addressList(bytes: Uint8Array, size: 4 | 16): string[] | null {
  if (bytes.length === 0 || bytes.length % size !== 0) return null;
  const list: string[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    list.push(size === 4 ? formatIpv4(bytes, at) : formatIpv6(bytes.subarray(at, at + 16)));
  }
  return list;
}

/** A 32-bit count of seconds, in network order. */
function seconds(bytes: Uint8Array): number | null {
  if (bytes.length !== 4) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Text as servers send it: trailing NULs and newlines dropped (some servers
 * count a C string's NUL, some end a URL with a newline). A NUL inside, or
 * bytes that are not UTF-8, make it malformed.
 */
export function decodeText(bytes: Uint8Array): string | null {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  const body = bytes.subarray(0, end);
  if (body.includes(0)) return null;
  try {
    return UTF8.decode(body);
  } catch {
    return null;
  }
}

const MAX_NAME = 255; // octets in a domain name, its length bytes included (RFC 1035)
const POINTER = 0xc0;

/**
 * An RFC 1035 name list, as RFC 3397 (option 119) and RFC 3646 (DHCPv6 24)
 * carry it: names one after another, each a run of labels ending in a zero
 * octet or in a compression pointer to an offset in the same data. A pointer
 * must point before every offset this name has already jumped to, so the
 * offsets read strictly shrink and a loop cannot happen: a pointer that does
 * not is malformed, as are reserved label types, a name over 255 octets, and
 * data that ends inside a name.
 */
export function decodeDomainList(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    const labels: string[] = [];
    let cursor = at, lowest = at, next = -1, length = 0;
    for (;;) {
      if (cursor >= bytes.length) return null;
      const octet = bytes[cursor];
      if (octet === 0) {
        if (next < 0) next = cursor + 1;
        break;
      }
      if ((octet & POINTER) === POINTER) {
        if (cursor + 1 >= bytes.length) return null;
        const target = ((octet & 0x3f) << 8) | bytes[cursor + 1];
        if (next < 0) next = cursor + 2;
        if (target >= lowest) return null; // forward, or back into what this name has read: a loop
        cursor = lowest = target;
        continue;
      }
      if ((octet & POINTER) !== 0) return null; // 0x40 and 0x80: reserved label types
      const end = cursor + 1 + octet;
      length += octet + 1;
      if (end > bytes.length || length + 1 > MAX_NAME) return null;
      const label = bytes.subarray(cursor + 1, end);
      if (label.includes(0)) return null;
      try {
        labels.push(UTF8.decode(label));
      } catch {
        return null;
      }
      cursor = end;
    }
    names.push(labels.length ? labels.join(".") : ".");
    at = next;
  }
  return names.length ? names : null;
}

/**
 * RFC 3442 classless static routes (121, and Microsoft's 249 in the same
 * format): for each route, the prefix width (0–32), the destination's
 * significant octets, then the router's four octets.
 */
export function decodeClasslessRoutes(bytes: Uint8Array): ClasslessRoute[] | null {
  const routes: ClasslessRoute[] = [];
  let at = 0;
  while (at < bytes.length) {
    const width = bytes[at];
    if (width > 32) return null;
    const significant = Math.ceil(width / 8);
    if (at + 1 + significant + 4 > bytes.length) return null;
    const destination = new Uint8Array(4);
    destination.set(bytes.subarray(at + 1, at + 1 + significant));
    const routerAt = at + 1 + significant;
    routes.push({ destination: `${formatIpv4(destination)}/${width}`, router: formatIpv4(bytes, routerAt) });
    at = routerAt + 4;
  }
  return routes.length ? routes : null;
}

/** RFC 2132's NetBIOS node types, named as listAdapters' hostInfo names them. */
const NODE_TYPES: Record<number, string> = { 1: "broadcast", 2: "peerPeer", 4: "mixed", 8: "hybrid" };

/** Option 46: one octet, 1 (B-node), 2 (P-node), 4 (M-node) or 8 (H-node). */
export function decodeNodeType(bytes: Uint8Array): string | null {
  return bytes.length === 1 ? NODE_TYPES[bytes[0]] ?? null : null;
}

/** The value of `bytes` read as `type`; null where they are malformed for it. */
export function decodeValue(type: OptionType, bytes: Uint8Array): OptionValue {
  switch (type) {
    case "address":
      return bytes.length === 4 ? formatIpv4(bytes) : null;
    case "addresses":
      return addressList(bytes, 4);
    case "ipv6Addresses":
      return addressList(bytes, 16);
    case "seconds":
      return seconds(bytes);
    case "text":
      return decodeText(bytes);
    case "domainList":
      return decodeDomainList(bytes);
    case "classlessRoutes":
      return decodeClasslessRoutes(bytes);
    case "nodeType":
      return decodeNodeType(bytes);
    case "hex":
      return hex(bytes);
  }
}

/** What leasectl calls option `code` of `family`, and how it reads it; unknown codes are hex. */
export function optionKind(family: 4 | 6, code: number): OptionKind {
  return (family === 4 ? DHCPV4_OPTIONS : DHCPV6_OPTIONS)[code] ??
    { name: "unknown", label: `Option ${code}`, type: "hex" };
}

/** Option `code` of `family` with its bytes, decoded by its type. */
export function decodeOption(family: 4 | 6, code: number, bytes: Uint8Array): DecodedOption {
  const { name, type } = optionKind(family, code);
  return { code, name, family, value: decodeValue(type, bytes), raw: hex(bytes) };
}
