// list as complete as ipconfig /all, against the double's dual-stack adapters: every field the SDK's newer
// records hold, decoded from the double's buffers and printed as ipconfig prints it.
import assert from "node:assert/strict";
import { leasectl } from "./helpers.ts";

Deno.test("list --json: every address with its origins, state and lifetimes, and the DHCPv6 identity", async () => {
  const { code, stdout } = await leasectl(["list", "--json"], { scenario: "ipv6" });
  assert.equal(code, 0);
  const adapters = JSON.parse(stdout);
  const [ethernet, wifi, lab, apipa] = adapters;
  assert.deepEqual(
    [ethernet.ipv6Enabled, ethernet.dnsSuffix, ethernet.dnsSuffixes, ethernet.netbiosOverTcpip],
    [true, "corp.example", ["corp.example", "example.net"], true],
  );
  assert.deepEqual(ethernet.dhcpv6, {
    iaid: 100668765,
    duid: "00-01-00-01-2A-BC-DE-F0-00-15-5D-AA-CC-01",
    server: "2001:db8:31::1",
  });
  assert.deepEqual(ethernet.addresses[1], {
    address: "2001:db8:31::23",
    family: 6,
    prefixLength: 128,
    prefixOrigin: "dhcp",
    suffixOrigin: "dhcp",
    state: "preferred",
    validLifetime: 7200,
    preferredLifetime: 3600,
    leaseLifetime: 7200,
    autoconfigured: false,
  });
  assert.deepEqual(
    [ethernet.addresses[0].address, ethernet.addresses[0].prefixOrigin, ethernet.addresses[0].validLifetime],
    ["fe80::215:5dff:feaa:cc01%31", "wellKnown", null],
  );
  assert.deepEqual(wifi.addresses.map((a: { suffixOrigin: string }) => a.suffixOrigin), [
    "linkLayerAddress",
    "random",
    "linkLayerAddress",
    "dhcp",
  ]);
  assert.equal(wifi.dhcpv6, null);
  assert.deepEqual(lab.addresses.map((a: { state: string }) => a.state), [
    "tentative",
    "duplicate",
    "preferred",
  ]);
  const [autoconfigured] = apipa.addresses.filter((a: { family: number }) => a.family === 4);
  assert.deepEqual([autoconfigured.address, autoconfigured.autoconfigured, autoconfigured.prefixLength], [
    "169.254.10.20",
    true,
    16,
  ]);
  assert.deepEqual([apipa.dhcpServer, apipa.leaseExpires], [null, null]);
});

Deno.test("list prints ipconfig /all: host section, headings by type, address kinds and states, no loopback", async () => {
  const { code, stdout } = await leasectl(["list"], { scenario: "ipv6" });
  assert.equal(code, 0);
  assert.match(
    stdout,
    /^\nWindows IP Configuration\n\n {3}Host Name \. \. \. \. \. \. \. \. \. \. \. \. : LEASECTL-TEST\n/,
  );
  assert.match(
    stdout,
    /\n {3}Primary Dns Suffix {2}\. \. \. \. \. \. \. : corp\.example\n {3}Node Type .*: Hybrid\n/,
  );
  for (
    const heading of [
      "Ethernet adapter Ethernet:",
      "Wireless LAN adapter Wi-Fi:",
      "PPP adapter Dial-up:",
      "Mobile Broadband adapter Cellular:",
      "Tunnel adapter Teredo Tunneling Pseudo-Interface:",
    ]
  ) assert.ok(stdout.includes(`\n${heading}\n\n`), heading);
  assert.doesNotMatch(stdout, /Loopback/);
  const lines = [
    "   Connection-specific DNS Suffix  . : corp.example",
    "   IPv6 Address. . . . . . . . . . . : 2001:db8:31::23(Preferred)",
    "   Link-local IPv6 Address . . . . . : fe80::215:5dff:feaa:cc01%31(Preferred)",
    "   Temporary IPv6 Address. . . . . . : 2001:db8:32:0:9c1e:4a7b:1d2f:3e5a(Preferred)",
    "   IPv6 Address. . . . . . . . . . . : 2001:db8:33::1(Tentative)",
    "   IPv6 Address. . . . . . . . . . . : 2001:db8:33::2(Duplicate)",
    "   Autoconfiguration IPv4 Address. . : 169.254.10.20(Preferred)",
    "   Subnet Mask . . . . . . . . . . . : 255.255.0.0",
    "   DHCPv6 IAID . . . . . . . . . . . : 100668765",
    "   DHCPv6 Client DUID. . . . . . . . : 00-01-00-01-2A-BC-DE-F0-00-15-5D-AA-CC-01",
    "   NetBIOS over Tcpip. . . . . . . . : Enabled",
    "   Connection-specific DNS Suffix Search List :\n                                       corp.example\n" +
    "                                       example.net",
    "   Media State . . . . . . . . . . . : Media disconnected",
  ];
  for (const line of lines) assert.ok(stdout.includes(`\n${line}\n`), line);
  // Lease dates as ipconfig prints them: the day, then the time, with no " at ".
  assert.match(
    stdout,
    /\n {3}Lease Expires \. \. \. \. \. \. \. \. \. \. : \w+day, \w+ \d+, 2026 \d+:\d\d:\d\d [AP]M\n/,
  );
  // A disconnected adapter shows what ipconfig shows of it: no addresses.
  const dialUp = stdout.slice(stdout.indexOf("PPP adapter Dial-up:"), stdout.indexOf("Mobile Broadband"));
  assert.doesNotMatch(dialUp, /Address\. /);
});
