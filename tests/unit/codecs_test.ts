import assert from "node:assert/strict";
import { decodeAdapterAddresses } from "../../ffi/codecs/adapter_addresses.ts";
import { decodeAdapterInfo } from "../../ffi/codecs/adapter_info.ts";
import { decodeInterfaceInfo, encodeIndexMap } from "../../ffi/codecs/interface_info.ts";
import { formatIpv6 } from "../../ffi/codecs/reader.ts";
import { IP_ADAPTER_ADDRESSES_LH, IP_ADAPTER_INDEX_MAP } from "../../ffi/layouts.ts";
import { DecodeError, EncodeError } from "../../mod.ts";
import { laptop } from "../helpers/fake_backend.ts";
import {
  buildAdapterAddresses,
  buildAdapterInfo,
  buildInterfaceInfo,
  FAKE_BASE,
  type FakeAdapter,
} from "../../harness/win32_buffers.ts";

const SURROGATE_NAME = "Ethernet Ünïcødé 🚀 网络";

Deno.test("decodeAdapterAddresses reads every field of every adapter, lists included", () => {
  const [ethernet, wifi] = decodeAdapterAddresses(buildAdapterAddresses(laptop()), FAKE_BASE);
  assert.deepEqual(ethernet, {
    index: 11,
    guid: "{1EA5EC71-0000-4000-8000-00000000000B}",
    friendlyName: "Ethernet",
    description: "Intel(R) Ethernet Connection I219-V",
    mac: "00-15-5D-AA-BB-01",
    flags: 0x4 | 0x40 | 0x80 | 0x100, // DHCP, NetBIOS, IPv4, IPv6
    ifType: 6,
    operStatus: 1,
    dnsSuffix: "",
    unicast: [
      {
        address: "192.0.2.23",
        family: 4,
        prefixLength: 24,
        prefixOrigin: 3,
        suffixOrigin: 3,
        dadState: 4,
        validLifetime: 86400,
        preferredLifetime: 86400,
        leaseLifetime: 86400,
      },
      {
        address: "fe80::215:5dff:feaa:bb01%11",
        family: 6,
        prefixLength: 64,
        prefixOrigin: 2,
        suffixOrigin: 4,
        dadState: 4,
        validLifetime: 0xffff_ffff,
        preferredLifetime: 0xffff_ffff,
        leaseLifetime: 0xffff_ffff,
      },
    ],
    gateways: ["192.0.2.1"],
    dnsServers: ["192.0.2.53", "2001:db8::53"],
    dhcpv4Server: "192.0.2.1",
    dhcpv6Server: null,
    dhcpv6Duid: null,
    dhcpv6Iaid: 0,
    dnsSuffixes: [],
  });
  assert.deepEqual([wifi.friendlyName, wifi.operStatus, wifi.mac, wifi.unicast], [
    "Wi-Fi",
    2,
    "00-15-5D-AA-BB-03",
    [],
  ]);
});

Deno.test("decodeAdapterAddresses keeps non-ASCII names with surrogate pairs intact", () => {
  const adapter: FakeAdapter = {
    index: 7,
    guid: "{X}",
    friendlyName: SURROGATE_NAME,
    description: "Réseau 🛰",
    dhcp: true,
  };
  const [decoded] = decodeAdapterAddresses(buildAdapterAddresses([adapter]), FAKE_BASE);
  assert.deepEqual([decoded.friendlyName, decoded.description], [SURROGATE_NAME, "Réseau 🛰"]);
});

Deno.test("decodeAdapterAddresses refuses a pointer outside the buffer", () => {
  const bytes = buildAdapterAddresses(laptop());
  new DataView(bytes.buffer).setBigUint64(IP_ADAPTER_ADDRESSES_LH.FriendlyName, FAKE_BASE + 0x10_0000n, true);
  assert.throws(() => decodeAdapterAddresses(bytes, FAKE_BASE), DecodeError);
  new DataView(bytes.buffer).setBigUint64(IP_ADAPTER_ADDRESSES_LH.FriendlyName, FAKE_BASE - 8n, true);
  assert.throws(() => decodeAdapterAddresses(bytes, FAKE_BASE), /points outside the buffer/);
});

Deno.test("decodeAdapterAddresses refuses a Next list that loops back on itself", () => {
  const bytes = buildAdapterAddresses(laptop());
  const view = new DataView(bytes.buffer);
  const second = Number(view.getBigUint64(IP_ADAPTER_ADDRESSES_LH.Next, true) - FAKE_BASE);
  view.setBigUint64(second + IP_ADAPTER_ADDRESSES_LH.Next, FAKE_BASE, true); // back to the first
  assert.throws(() => decodeAdapterAddresses(bytes, FAKE_BASE), /loops back on itself/);
});

Deno.test("decodeAdapterAddresses refuses a unicast list that points to itself", () => {
  const bytes = buildAdapterAddresses(laptop());
  const view = new DataView(bytes.buffer);
  const first = view.getBigUint64(IP_ADAPTER_ADDRESSES_LH.FirstUnicastAddress, true);
  view.setBigUint64(Number(first - FAKE_BASE) + 8, first, true); // its Next is itself
  assert.throws(() => decodeAdapterAddresses(bytes, FAKE_BASE), DecodeError);
});

Deno.test("decodeAdapterAddresses refuses a truncated buffer and a string with no terminator", () => {
  const bytes = buildAdapterAddresses(laptop().slice(0, 1));
  assert.throws(() => decodeAdapterAddresses(bytes.subarray(0, 300), FAKE_BASE), DecodeError);
  const view = new DataView(bytes.buffer);
  const name = Number(view.getBigUint64(IP_ADAPTER_ADDRESSES_LH.FriendlyName, true) - FAKE_BASE);
  bytes.fill(0x41, name); // no NUL from the name to the end
  assert.throws(() => decodeAdapterAddresses(bytes, FAKE_BASE), /no terminating NUL/);
});

Deno.test("a name of 100,000 characters decodes whole, and lone surrogates become U+FFFD as TextDecoder makes them", () => {
  const long = "Ü🚀".repeat(33_334).slice(0, 100_000);
  const adapter: FakeAdapter = {
    index: 7,
    guid: "{X}",
    friendlyName: long,
    description: "a\ud800b\udc00",
    dhcp: true,
  };
  const [decoded] = decodeAdapterAddresses(buildAdapterAddresses([adapter]), FAKE_BASE);
  assert.equal(decoded.friendlyName, long);
  assert.equal(decoded.description, "a\ufffdb\ufffd");
});

Deno.test("decodeAdapterAddresses reads a subarray whose byteOffset is not zero", () => {
  const bytes = buildAdapterAddresses(laptop());
  const padded = new Uint8Array(bytes.length + 24);
  padded.set(bytes, 24);
  assert.deepEqual(
    decodeAdapterAddresses(padded.subarray(24), FAKE_BASE),
    decodeAdapterAddresses(bytes, FAKE_BASE),
  );
});

Deno.test("decodeInterfaceInfo reads the device names release and renew take", () => {
  const entries = [{ index: 11, name: "\\DEVICE\\TCPIP_{4D36E972-E325-11CE-BFC1-08002BE10318}" }, {
    index: 15,
    name: "\\DEVICE\\TCPIP_{E2A8B1C4-0000-4000-8000-00000000000F}",
  }];
  assert.deepEqual(decodeInterfaceInfo(buildInterfaceInfo(entries)), entries);
});

Deno.test("decodeInterfaceInfo takes a name of 127 characters and refuses one of 128 with no NUL", () => {
  const longest = "N".repeat(127);
  assert.deepEqual(decodeInterfaceInfo(buildInterfaceInfo([{ index: 3, name: longest }])), [{
    index: 3,
    name: longest,
  }]);
  assert.throws(
    () => decodeInterfaceInfo(buildInterfaceInfo([{ index: 3, name: "N".repeat(128) }])),
    DecodeError,
  );
});

Deno.test("decodeInterfaceInfo reads NumAdapters 0 as no adapters, whatever the unused entry holds", () => {
  const bytes = buildInterfaceInfo([]).fill(0xcc, 4);
  assert.deepEqual(decodeInterfaceInfo(bytes), []);
});

Deno.test("decodeInterfaceInfo refuses a count that does not fit the buffer", () => {
  const bytes = buildInterfaceInfo([{ index: 1, name: "x" }]);
  new DataView(bytes.buffer).setInt32(0, 5, true);
  assert.throws(() => decodeInterfaceInfo(bytes), /do not fit/);
  new DataView(bytes.buffer).setInt32(0, -1, true);
  assert.throws(() => decodeInterfaceInfo(bytes), DecodeError);
});

Deno.test("encodeIndexMap writes the index and the UTF-16 name, NUL-terminated", () => {
  const name = "\\DEVICE\\TCPIP_{Ü🚀}";
  const map = encodeIndexMap({ index: 0x01020304, name });
  assert.deepEqual(map.length, IP_ADAPTER_INDEX_MAP.size);
  const view = new DataView(map.buffer);
  assert.deepEqual(view.getUint32(0, true), 0x01020304);
  const units = Array.from({ length: name.length + 1 }, (_, i) => view.getUint16(4 + 2 * i, true));
  assert.equal(units.at(-1), 0);
  assert.equal(String.fromCharCode(...units.slice(0, -1)), name);
});

Deno.test("encodeIndexMap takes a 127-character name and refuses a 128-character one", () => {
  const map = encodeIndexMap({ index: 1, name: "N".repeat(127) });
  assert.deepEqual(new DataView(map.buffer).getUint16(4 + 2 * 127, true), 0);
  assert.throws(() => encodeIndexMap({ index: 1, name: "N".repeat(128) }), EncodeError);
  assert.throws(() => encodeIndexMap({ index: 1, name: "a\0b" }), EncodeError);
  assert.throws(() => encodeIndexMap({ index: -1, name: "a" }), EncodeError);
});

Deno.test("decodeAdapterInfo reads the lease times and DHCP server", () => {
  const [ethernet] = decodeAdapterInfo(buildAdapterInfo(laptop()), FAKE_BASE);
  assert.deepEqual(ethernet, {
    index: 11,
    guid: "{1EA5EC71-0000-4000-8000-00000000000B}",
    dhcpEnabled: true,
    dhcpServer: "192.0.2.1",
    leaseObtained: 1795161600,
    leaseExpires: 1795248000,
  });
});

Deno.test("formatIpv6 writes RFC 5952 text", () => {
  const bytes = (groups: number[]) => new Uint8Array(groups.flatMap((g) => [g >> 8, g & 0xff]));
  assert.deepEqual(formatIpv6(bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x53])), "2001:db8::53");
  assert.deepEqual(formatIpv6(bytes([0, 0, 0, 0, 0, 0, 0, 1])), "::1");
  assert.deepEqual(formatIpv6(bytes([0x2001, 0xdb8, 0, 1, 0, 0, 0, 1])), "2001:db8:0:1::1");
  assert.deepEqual(formatIpv6(bytes([1, 0, 1, 0, 1, 0, 1, 0])), "1:0:1:0:1:0:1:0");
  assert.equal(formatIpv6(new Uint8Array(16)), "::");
});
