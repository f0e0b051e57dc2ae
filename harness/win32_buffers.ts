/**
 * Builds the buffers Windows' IP Helper calls fill, from the probed layouts in
 * ffi/layouts.ts, laid out as if the buffer sat at address FAKE_BASE. The codec
 * tests decode them; the fake backend serves them.
 */

import {
  constants,
  FIXED_INFO,
  IP_ADAPTER_ADDRESSES_LH,
  IP_ADAPTER_DNS_SERVER_ADDRESS_XP,
  IP_ADAPTER_GATEWAY_ADDRESS_LH,
  IP_ADAPTER_INDEX_MAP,
  IP_ADAPTER_INFO,
  IP_ADAPTER_UNICAST_ADDRESS_LH,
  IP_ADDR_STRING,
  IP_INTERFACE_INFO,
  SOCKADDR_IN,
  SOCKADDR_IN6,
  SOCKET_ADDRESS,
} from "../ffi/layouts.ts";

/** The address the fake buffers pretend to start at. */
export const FAKE_BASE = 0x0000_7ff6_1230_0000n;

/** An adapter as a test describes it. */
export interface FakeAdapter {
  index: number;
  guid: string;
  friendlyName: string;
  description?: string;
  mac?: number[];
  dhcp: boolean;
  operStatus?: number; // IF_OPER_STATUS: 1 up, 2 down
  ifType?: number;
  ipv4Bound?: boolean;
  addresses?: string[];
  gateways?: string[];
  dnsServers?: string[];
  dhcpServer?: string;
  leaseObtained?: number;
  leaseExpires?: number;
  /** The device name GetInterfaceInfo gives; `\DEVICE\TCPIP_` and the GUID by default. */
  deviceName?: string;
  /** Left out of GetInterfaceInfo, though its own flags say IPv4 is enabled. */
  unlisted?: boolean;
  /**
   * Per address: IP_PREFIX_ORIGIN, IP_SUFFIX_ORIGIN, IP_DAD_STATE, prefix length and lifetimes (seconds);
   * by default DHCP-like, preferred, and a day long.
   */
  origins?: Record<string, AddressOrigin>;
  dnsSuffix?: string;
}

/** How a unicast address came to be, as its IP_ADAPTER_UNICAST_ADDRESS_LH entry says. */
export interface AddressOrigin {
  prefix?: number;
  suffix?: number;
  dad?: number;
  prefixLength?: number;
  validLifetime?: number;
  preferredLifetime?: number;
  leaseLifetime?: number;
}

/** Whether an adapter is IPv4-bound: unless it says not, or is loopback. */
export const ipv4Bound = (adapter: FakeAdapter): boolean =>
  adapter.ipv4Bound !== false && adapter.ifType !== 24;

/** A bump allocator over a growing byte array, with 8-byte alignment as Windows uses. */
export class Layout {
  bytes = new Uint8Array(1 << 16);
  used = 0;

  take(size: number): number {
    const at = (this.used + 7) & ~7;
    this.used = at + size;
    if (this.used > this.bytes.length) {
      const larger = new Uint8Array(Math.max(this.used, this.bytes.length * 2));
      larger.set(this.bytes);
      this.bytes = larger;
    }
    return at;
  }
  get view(): DataView {
    return new DataView(this.bytes.buffer);
  }
  u16(at: number, value: number) {
    this.view.setUint16(at, value, true);
  }
  u32(at: number, value: number) {
    this.view.setUint32(at, value, true);
  }
  i64(at: number, value: number) {
    this.view.setBigInt64(at, BigInt(value), true);
  }
  /** Stores a pointer to `target` (an offset), or NULL. */
  pointer(at: number, target: number | null) {
    this.view.setBigUint64(at, target === null ? 0n : FAKE_BASE + BigInt(target), true);
  }
  wide(text: string): number {
    const at = this.take(2 * text.length + 2);
    for (let i = 0; i < text.length; i++) this.u16(at + 2 * i, text.charCodeAt(i));
    return at;
  }
  ansi(text: string): number {
    const at = this.take(text.length + 1);
    for (let i = 0; i < text.length; i++) this.bytes[at + i] = text.charCodeAt(i);
    return at;
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.used);
  }
}

function ipv6Bytes(text: string): number[] {
  const [head, tail = ""] = text.split("%")[0].split("::");
  const groups = (part: string) => part ? part.split(":").map((group) => parseInt(group, 16)) : [];
  const left = groups(head), right = text.includes("::") ? groups(tail) : [];
  const all = [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((group) => [group >> 8, group & 0xff]);
}

/** Writes a SOCKADDR for `address` and points the SOCKET_ADDRESS at `at` to it. */
function socketAddress(layout: Layout, at: number, address: string) {
  if (address.includes(":")) {
    const sa = layout.take(SOCKADDR_IN6.size);
    layout.u16(sa + SOCKADDR_IN6.sin6_family, constants.AF_INET6);
    layout.bytes.set(ipv6Bytes(address), sa + SOCKADDR_IN6.sin6_addr);
    const scope = address.split("%")[1];
    if (scope) layout.u32(sa + SOCKADDR_IN6.sin6_scope_id, Number(scope));
    layout.pointer(at + SOCKET_ADDRESS.lpSockaddr, sa);
    layout.u32(at + SOCKET_ADDRESS.iSockaddrLength, SOCKADDR_IN6.size);
  } else {
    const sa = layout.take(SOCKADDR_IN.size);
    layout.u16(sa + SOCKADDR_IN.sin_family, constants.AF_INET);
    layout.bytes.set(address.split(".").map(Number), sa + SOCKADDR_IN.sin_addr);
    layout.pointer(at + SOCKET_ADDRESS.lpSockaddr, sa);
    layout.u32(at + SOCKET_ADDRESS.iSockaddrLength, SOCKADDR_IN.size);
  }
}

/** A linked list of address entries, each with a SOCKET_ADDRESS, hung from the pointer at `head`. */
function addressList(
  layout: Layout,
  head: number,
  addresses: readonly string[],
  entry: { size: number; Next: number; Address: number },
  more?: (at: number, address: string) => void,
) {
  let previous = head;
  for (const address of addresses) {
    const at = layout.take(entry.size);
    layout.u32(at, entry.size); // Length
    layout.pointer(previous, at);
    socketAddress(layout, at + entry.Address, address);
    more?.(at, address);
    previous = at + entry.Next;
  }
}

/** The buffer GetAdaptersAddresses(AF_UNSPEC or `family`, …) fills for `adapters`. */
export function buildAdapterAddresses(
  adapters: readonly FakeAdapter[],
  family: number = constants.AF_UNSPEC,
) {
  const layout = new Layout();
  const R = IP_ADAPTER_ADDRESSES_LH;
  const records = adapters.map(() => layout.take(R.size));
  const keep = (address: string) =>
    family === constants.AF_UNSPEC || (family === constants.AF_INET) === !address.includes(":");
  adapters.forEach((adapter, n) => {
    const at = records[n];
    layout.u32(at + R.Length, R.size);
    layout.u32(at + R.IfIndex, adapter.index);
    layout.pointer(at + R.Next, records[n + 1] ?? null);
    layout.pointer(at + R.AdapterName, layout.ansi(adapter.guid));
    layout.pointer(at + R.FriendlyName, layout.wide(adapter.friendlyName));
    layout.pointer(at + R.Description, layout.wide(adapter.description ?? adapter.friendlyName));
    const mac = adapter.mac ?? [];
    layout.bytes.set(mac, at + R.PhysicalAddress);
    layout.u32(at + R.PhysicalAddressLength, mac.length);
    const hasIpv6 = (adapter.addresses ?? []).some((address) => address.includes(":"));
    layout.u32(
      at + R.Flags,
      (adapter.dhcp ? constants.IP_ADAPTER_DHCP_ENABLED : 0) |
        (ipv4Bound(adapter)
          ? constants.IP_ADAPTER_IPV4_ENABLED | constants.IP_ADAPTER_NETBIOS_OVER_TCPIP_ENABLED
          : 0) |
        (hasIpv6 ? constants.IP_ADAPTER_IPV6_ENABLED : 0),
    );
    if (adapter.dnsSuffix !== undefined) layout.pointer(at + R.DnsSuffix, layout.wide(adapter.dnsSuffix));
    layout.u32(at + R.IfType, adapter.ifType ?? 6);
    layout.u32(at + R.OperStatus, adapter.operStatus ?? 1);
    const U = IP_ADAPTER_UNICAST_ADDRESS_LH;
    addressList(
      layout,
      at + R.FirstUnicastAddress,
      (adapter.addresses ?? []).filter(keep),
      U,
      (entry, address) => {
        const origin = adapter.origins?.[address] ?? {};
        const v6 = address.includes(":");
        layout.u32(entry + U.PrefixOrigin, origin.prefix ?? (adapter.dhcp && !v6 ? 3 : 1));
        layout.u32(entry + U.SuffixOrigin, origin.suffix ?? (adapter.dhcp && !v6 ? 3 : 1));
        layout.u32(entry + U.DadState, origin.dad ?? 4);
        layout.u32(entry + U.ValidLifetime, origin.validLifetime ?? 86400);
        layout.u32(entry + U.PreferredLifetime, origin.preferredLifetime ?? 86400);
        layout.u32(entry + U.LeaseLifetime, origin.leaseLifetime ?? 86400);
        layout.bytes[entry + U.OnLinkPrefixLength] = origin.prefixLength ?? (v6 ? 64 : 24);
      },
    );
    addressList(
      layout,
      at + R.FirstGatewayAddress,
      (adapter.gateways ?? []).filter(keep),
      IP_ADAPTER_GATEWAY_ADDRESS_LH,
    );
    addressList(
      layout,
      at + R.FirstDnsServerAddress,
      adapter.dnsServers ?? [],
      IP_ADAPTER_DNS_SERVER_ADDRESS_XP,
    );
    if (adapter.dhcpServer) {
      socketAddress(layout, at + R.Dhcpv4Server, adapter.dhcpServer);
    }
  });
  return layout.done();
}

/** The device name GetInterfaceInfo gives `adapter`. */
export const deviceNameOf = (adapter: FakeAdapter): string =>
  adapter.deviceName ?? `\\DEVICE\\TCPIP_${adapter.guid}`;

/** The buffer GetInterfaceInfo fills for `entries`, which may hold names too long for the struct. */
export function buildInterfaceInfo(entries: readonly { index: number; name: string }[]): Uint8Array {
  const M = IP_ADAPTER_INDEX_MAP;
  const bytes = new Uint8Array(
    Math.max(IP_INTERFACE_INFO.size, IP_INTERFACE_INFO.Adapter + entries.length * M.size),
  );
  const view = new DataView(bytes.buffer);
  view.setInt32(IP_INTERFACE_INFO.NumAdapters, entries.length, true);
  entries.forEach(({ index, name }, n) => {
    const at = IP_INTERFACE_INFO.Adapter + n * M.size;
    view.setUint32(at + M.Index, index, true);
    const units = Math.min(name.length, constants.MAX_ADAPTER_NAME);
    for (let i = 0; i < units; i++) view.setUint16(at + M.Name + 2 * i, name.charCodeAt(i), true);
  });
  return bytes;
}

/** The buffer GetAdaptersInfo fills for the IPv4-bound adapters among `adapters`. */
export function buildAdapterInfo(adapters: readonly FakeAdapter[]): Uint8Array {
  const layout = new Layout();
  const R = IP_ADAPTER_INFO;
  const bound = adapters.filter(ipv4Bound);
  const records = bound.map(() => layout.take(R.size));
  bound.forEach((adapter, n) => {
    const at = records[n];
    layout.pointer(at + R.Next, records[n + 1] ?? null);
    layout.bytes.set(Array.from(adapter.guid, (c) => c.charCodeAt(0)), at + R.AdapterName);
    layout.u32(at + R.Index, adapter.index);
    layout.u32(at + R.DhcpEnabled, adapter.dhcp ? 1 : 0);
    const server = adapter.dhcpServer ?? "";
    layout.bytes.set(
      Array.from(server, (c) => c.charCodeAt(0)),
      at + R.DhcpServer + IP_ADDR_STRING.IpAddress,
    );
    layout.i64(at + R.LeaseObtained, adapter.leaseObtained ?? 0);
    layout.i64(at + R.LeaseExpires, adapter.leaseExpires ?? 0);
  });
  return layout.done();
}

/** The buffer GetNetworkParams fills: FIXED_INFO for a host. */
export function buildNetworkParams(
  host: { hostName: string; domainName: string; nodeType: number },
): Uint8Array {
  const layout = new Layout();
  const at = layout.take(FIXED_INFO.size);
  layout.bytes.set(Array.from(host.hostName, (c) => c.charCodeAt(0)), at + FIXED_INFO.HostName);
  layout.bytes.set(Array.from(host.domainName, (c) => c.charCodeAt(0)), at + FIXED_INFO.DomainName);
  layout.bytes.set(
    Array.from("192.0.2.53", (c) => c.charCodeAt(0)),
    at + FIXED_INFO.DnsServerList + IP_ADDR_STRING.IpAddress,
  );
  layout.u32(at + FIXED_INFO.NodeType, host.nodeType);
  return layout.done();
}
