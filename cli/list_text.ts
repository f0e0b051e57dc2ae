/**
 * `leasectl list` as people read it: the host section and each adapter, worded
 * and laid out like `ipconfig /all`. Every value that comes from Windows is
 * shown through {@linkcode shown}, so that no control character reaches the
 * terminal raw.
 *
 * @module
 */

import { shown } from "../lib/escape.ts";
import type { Adapter, AddressInfo, HostInfo, NodeType } from "../mod.ts";

const LABEL_WIDTH = 34;
const INDENT = " ".repeat(3 + LABEL_WIDTH + 2);
/** ipconfig's labels that do not follow its dot pattern, as it prints them. */
const IRREGULAR: Record<string, string> = {
  "Primary Dns Suffix": "Primary Dns Suffix  . . . . . . . ",
  "Connection-specific DNS Suffix": "Connection-specific DNS Suffix  . ",
};

/**
 * An ipconfig-style line: the label dotted out to a fixed width, then the
 * value(s), one per line. `always` prints the label even with no value, as
 * ipconfig does for the connection-specific DNS suffix.
 */
function line(label: string, values: string | readonly string[], always = false): string {
  const list = (typeof values === "string" ? [values] : values).map(shown);
  if (list.length === 0 && !always) return "";
  let dotted = IRREGULAR[label] ?? label;
  while (dotted.length < LABEL_WIDTH) dotted += dotted.length % 2 ? " " : ".";
  return `   ${dotted}: ${list.join(`\n${INDENT}`)}`.trimEnd() + "\n";
}

/** Headings by IANA interface type, as ipconfig words them. */
const KIND: Record<number, string> = {
  6: "Ethernet",
  23: "PPP",
  24: "Loopback",
  71: "Wireless LAN",
  131: "Tunnel",
  243: "Mobile Broadband", // IF_TYPE_WWANPP
  244: "Mobile Broadband", // IF_TYPE_WWANPP2
};

const NODE_TYPE: Record<NodeType, string> = {
  broadcast: "Broadcast",
  peerPeer: "Peer-Peer",
  mixed: "Mixed",
  hybrid: "Hybrid",
  unknown: "Unknown",
};

const yesNo = (value: boolean) => value ? "Yes" : "No";

/** A lease time as ipconfig prints it, in local time: "Friday, November 20, 2026 8:00:00 AM". */
function leaseTime(iso: string): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString(undefined, {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
  });
  return `${day} ${
    date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit", second: "2-digit" })
  }`;
}

/** The host section of `ipconfig /all`. */
function describeHost(host: HostInfo): string {
  return "\nWindows IP Configuration\n\n" + [
    line("Host Name", host.hostName, true),
    line("Primary Dns Suffix", host.primaryDnsSuffix, true),
    line("Node Type", NODE_TYPE[host.nodeType]),
    line("IP Routing Enabled", yesNo(host.ipRoutingEnabled)),
    line("WINS Proxy Enabled", yesNo(host.winsProxyEnabled)),
    line("DNS Suffix Search List", host.dnsSuffixSearchList ?? []),
  ].join("") + "\n";
}

const STATE: Record<string, string> = {
  preferred: "Preferred",
  deprecated: "Deprecated",
  tentative: "Tentative",
  duplicate: "Duplicate",
  invalid: "Invalid",
};

/** "192.0.2.23(Preferred)", as ipconfig prints an address with its state. */
const withState = (entry: AddressInfo) => `${entry.address}${entry.state ? `(${STATE[entry.state]})` : ""}`;

/** The dotted subnet mask of an IPv4 prefix length. */
function subnetMask(prefixLength: number | null): string[] {
  if (prefixLength === null || prefixLength > 32) return [];
  const mask = prefixLength === 0 ? 0 : (0xffff_ffff << (32 - prefixLength)) >>> 0;
  return [[24, 16, 8, 0].map((shift) => (mask >>> shift) & 0xff).join(".")];
}

/** The address lines of an adapter, in ipconfig's order and wording. */
function addressLines(adapter: Adapter): string {
  const v6 = adapter.addresses.filter((entry) => entry.family === 6);
  const isLinkLocal = (entry: AddressInfo) => /^fe[89ab]/i.test(entry.address);
  const global = v6.filter((entry) => !isLinkLocal(entry) && entry.suffixOrigin !== "random");
  const temporary = v6.filter((entry) => !isLinkLocal(entry) && entry.suffixOrigin === "random");
  const lines = [
    ...global.map((entry) => line("IPv6 Address", withState(entry))),
    ...temporary.map((entry) => line("Temporary IPv6 Address", withState(entry))),
    ...v6.filter(isLinkLocal).map((entry) => line("Link-local IPv6 Address", withState(entry))),
  ];
  for (const entry of adapter.addresses.filter((entry) => entry.family === 4)) {
    lines.push(
      line(entry.autoconfigured ? "Autoconfiguration IPv4 Address" : "IPv4 Address", withState(entry)),
    );
    lines.push(line("Subnet Mask", subnetMask(entry.prefixLength)));
  }
  return lines.join("");
}

/** One adapter as `ipconfig /all` shows it, with its interface index. */
function describeAdapter(adapter: Adapter): string {
  const heading = `${KIND[adapter.interfaceType] ?? "Unknown"} adapter ${shown(adapter.friendlyName)}:\n\n`;
  const identity = [
    line("Connection-specific DNS Suffix", adapter.dnsSuffix, true),
    line("Description", adapter.description),
    line("Physical Address", adapter.mac ?? []),
    line("DHCP Enabled", yesNo(adapter.dhcpEnabled)),
  ];
  if (adapter.operStatus !== "up") {
    // ipconfig shows every state but up as disconnected, and nothing of the addresses.
    return heading + line("Media State", "Media disconnected") + identity.join("") +
      line("Interface Index", String(adapter.index));
  }
  return heading + [
    ...identity,
    addressLines(adapter),
    line("Lease Obtained", adapter.leaseObtained ? leaseTime(adapter.leaseObtained) : []),
    line("Lease Expires", adapter.leaseExpires ? leaseTime(adapter.leaseExpires) : []),
    line("Default Gateway", adapter.gateways),
    line("DHCP Server", adapter.dhcpServer ?? []),
    line("DHCPv6 IAID", adapter.dhcpv6 ? String(adapter.dhcpv6.iaid) : []),
    line("DHCPv6 Client DUID", adapter.dhcpv6?.duid ?? []),
    line("DNS Servers", adapter.dnsServers),
    adapter.ipv4Enabled ? line("NetBIOS over Tcpip", adapter.netbiosOverTcpip ? "Enabled" : "Disabled") : "",
    adapter.dnsSuffixes.length
      ? `   Connection-specific DNS Suffix Search List :\n${
        adapter.dnsSuffixes.map((s) => `${INDENT}${shown(s)}\n`).join("")
      }`
      : "",
    line("Interface Index", String(adapter.index)),
  ].join("");
}

/** `leasectl list`: the host section (for the whole list) and every adapter but loopback, as ipconfig leaves it out. */
export function describeList(adapters: readonly Adapter[], host: HostInfo | undefined): string {
  const shownAdapters = adapters.filter((adapter) => !adapter.loopback);
  const body = shownAdapters.map(describeAdapter).join("\n");
  if (!host) return body || "No network adapters.\n";
  return describeHost(host) + (body || "No network adapters.\n");
}
