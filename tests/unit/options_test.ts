import assert from "node:assert/strict";
import { dhcpOptions } from "../../mod.ts";
import { cli } from "../helpers/cli.ts";
import { fakeBackend, laptop } from "../helpers/fake_backend.ts";
import { laptopOptions, type OptionBytes } from "../helpers/fake_dhcp.ts";

const ETHERNET = "{1EA5EC71-0000-4000-8000-00000000000B}";
const summary = (adapters: { friendlyName: string; status: string; code: number }[]) =>
  adapters.map(({ friendlyName, status, code }) => `${friendlyName}: ${status} ${code}`);

Deno.test("dhcpOptions reads every connected DHCP adapter by its GUID, and skips a disconnected one", async () => {
  const backend = fakeBackend(laptop(), { dhcp: { dhcpv6: false } });
  const adapters = await dhcpOptions(undefined, { backend });
  assert.deepEqual(summary(adapters), ["Ethernet: done 0", "Wi-Fi: skipped 0", "Ethernet 2: done 0"]);
  assert.match(adapters[1].reason!, /media disconnected/);
  const names = Object.fromEntries(adapters[0].options.map((option) => [option.name, option.value]));
  assert.deepEqual(names.router, ["192.0.2.1"]);
  assert.deepEqual(names.domainSearchList, ["corp.example", "eng.corp.example"]);
  assert.equal(names.wpadUrl, "http://wpad.corp.example/wpad.dat");
  assert.equal(names.leaseTime, 86400);
  assert.equal(names.hostName, undefined, "an option the client does not hold is left out");
  assert.deepEqual(backend.dhcp.initialized, [4]);
  assert.deepEqual(backend.dhcp.cleanedUp, [4]);
  assert.ok(backend.dhcp.calls.every((call) => call.family === 4));
  assert.deepEqual([...new Set(backend.dhcp.calls.map((call) => call.adapterName))], [
    ETHERNET,
    "{1EA5EC71-0000-4000-8000-00000000000F}",
  ]);
});

Deno.test("a small buffer first, then the size ERROR_MORE_DATA asks for", async () => {
  const backend = fakeBackend(laptop(), { dhcp: { dhcpv6: false } });
  await dhcpOptions("Ethernet", { backend });
  const sizes = backend.dhcp.calls.map((call) => call.bufferBytes);
  assert.equal(sizes[0], 256);
  assert.ok(sizes[1] > 256 && sizes.length === 2, `sizes ${sizes}`);
});

Deno.test("options that keep growing fail after a bounded number of calls, with ERROR_MORE_DATA", async () => {
  let grown = 300;
  const answer = () => 234;
  const backend = fakeBackend(laptop(), { dhcp: { dhcpv6: false, answer } });
  // Each call asks for more than the last: the fake's answer leaves size as given, so grow it here.
  const call = backend.dhcpRequestParams.bind(backend);
  backend.dhcpRequestParams = async (family, name, params, buffer, size) => {
    const code = await call(family, name, params, buffer, size);
    size[0] = grown += 100;
    return code;
  };
  const [ethernet] = await dhcpOptions("Ethernet", { backend });
  assert.equal(ethernet.status, "failed");
  assert.equal(ethernet.code, 234);
  assert.match(ethernet.reason!, /grew on each of 4 calls/);
  assert.equal(backend.dhcp.calls.length, 4);
  assert.deepEqual(backend.dhcp.cleanedUp, [4]);
});

Deno.test("--option reads exactly the codes given, unknown ones as hex", async () => {
  const options = (family: 4 | 6, guid: string) =>
    family === 4 && guid === ETHERNET ? { ...laptopOptions()[ETHERNET], 200: [1, 2] } : undefined;
  const backend = fakeBackend(laptop(), { dhcp: { options } });
  const run = await cli(["options", "Ethernet", "--json", "--option", "252,200,66"], backend);
  assert.equal(run.code, 0, run.stderr);
  const [ethernet] = JSON.parse(run.stdout);
  assert.deepEqual(ethernet.options.map((option: { code: number }) => option.code), [252, 200]);
  assert.deepEqual(ethernet.options[1], {
    code: 200,
    name: "unknown",
    family: 4,
    value: "0102",
    raw: "0102",
  });
  assert.deepEqual(backend.dhcp.calls.map((call) => call.codes), [[252, 200, 66]]);
  assert.equal(backend.dhcp.calls.some((call) => call.family === 6), false, "DHCPv6 only in the default set");
});

Deno.test("a call still running at --timeout fails that adapter with 1460, and the client is cleaned up", async () => {
  const answer = (_family: number, guid: string) =>
    guid === ETHERNET ? new Promise<number>(() => {}) : undefined;
  const backend = fakeBackend(laptop(), { dhcp: { dhcpv6: false, answer } });
  const run = await cli(["options", "--json", "--timeout", "0.2"], backend);
  assert.equal(run.code, 1);
  assert.deepEqual(summary(JSON.parse(run.stdout)), [
    "Ethernet: failed 1460",
    "Wi-Fi: skipped 0",
    "Ethernet 2: done 0",
  ]);
  assert.equal(backend.abandoned, 1);
  assert.deepEqual(backend.dhcp.cleanedUp, [4]);
});

Deno.test("an option pointing outside the buffer fails the adapter with 13, naming DhcpRequestParams", async () => {
  const backend = fakeBackend(laptop(), { dhcp: { dhcpv6: false } });
  const call = backend.dhcpRequestParams.bind(backend);
  backend.dhcpRequestParams = async (family, name, params, buffer, size) => {
    const code = await call(family, name, params, buffer, size);
    // The first option's Data: just past the buffer's end.
    new DataView(params.buffer).setBigUint64(
      16,
      backend.addressOf(buffer) + BigInt(buffer.length) - 2n,
      true,
    );
    return code;
  };
  const [ethernet] = await dhcpOptions("Ethernet", { backend });
  assert.equal(ethernet.status, "failed");
  assert.equal(ethernet.code, 13);
  assert.match(ethernet.reason!, /DhcpRequestParams returned data .* outside the \d+-byte buffer/);
});

Deno.test("a named adapter without DHCP is skipped with the reason, and exits 1 as ipconfig does", async () => {
  const backend = fakeBackend(laptop());
  const run = await cli(["options", "Static LAN"], backend);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /Static LAN:\n\n {3}Skipped: DHCP is not enabled on this adapter\./);
  assert.equal(backend.dhcp.calls.length, 0);
  assert.deepEqual(backend.dhcp.initialized, [], "nothing to read, nothing initialized");
});

Deno.test("a failed DhcpCApiInitialize fails each adapter with its code", async () => {
  const backend = fakeBackend(laptop(), { dhcp: { initialize: 1722 } });
  const adapters = await dhcpOptions(undefined, { backend });
  assert.deepEqual(summary(adapters), [
    "Ethernet: failed 1722",
    "Wi-Fi: skipped 0",
    "Ethernet 2: failed 1722",
  ]);
  assert.match(adapters[0].reason!, /DhcpCApiInitialize: .*DHCP Client service is not running/);
  assert.deepEqual(backend.dhcp.cleanedUp, []);
});

Deno.test("DHCPv6 23 and 24 are read where the backend may call them, and never where it may not", async () => {
  const options = (family: 4 | 6, guid: string): OptionBytes | undefined =>
    guid !== ETHERNET ? undefined : family === 4 ? { 3: [192, 0, 2, 1] } : {
      23: [0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 0x53],
      24: [4, ...new TextEncoder().encode("corp"), 7, ...new TextEncoder().encode("example"), 0],
    };
  const callable = fakeBackend(laptop(), { dhcp: { options } });
  const [ethernet] = await dhcpOptions("Ethernet", { backend: callable });
  assert.deepEqual(ethernet.options.map((option) => [option.family, option.name, option.value]), [
    [4, "router", ["192.0.2.1"]],
    [6, "dnsServers", ["2001:db8::53"]],
    [6, "domainList", ["corp.example"]],
  ]);
  assert.deepEqual(callable.dhcp.cleanedUp, [4, 6]);

  const underWine = fakeBackend(laptop(), { dhcp: { options, dhcpv6: false } });
  await dhcpOptions("Ethernet", { backend: underWine });
  assert.deepEqual(underWine.dhcp.initialized, [4]);
  assert.equal(underWine.dhcp.calls.some((call) => call.family === 6), false);
});

Deno.test("--option refuses a code outside 1-254 before anything is read", async () => {
  const backend = fakeBackend(laptop());
  for (const value of ["0", "255", "3,x", "0x10", ""]) {
    const run = await cli(["options", "--option", value], backend);
    assert.equal(run.code, 2, value);
    assert.match(run.stderr, /--option takes DHCP option codes/);
  }
  assert.equal((await cli(["list", "--option", "3"], backend)).code, 2);
  assert.equal(backend.dhcp.calls.length, 0);
});

Deno.test("the human output lays options out like ipconfig /all, one value per line", async () => {
  const run = await cli(["options", "Ethernet"], fakeBackend(laptop(), { dhcp: { dhcpv6: false } }));
  assert.equal(run.code, 0);
  assert.match(
    run.stdout,
    /\nEthernet:\n\n {3}Subnet Mask \. \. \. \. \. \. \. \. \. \. \. : 255\.255\.255\.0\n {3}Default Gateway/,
  );
  assert.match(run.stdout, /DNS Servers[ .]*: 192\.0\.2\.53\n {39}192\.0\.2\.54\n/);
  assert.match(run.stdout, /Classless Static Routes[ .]*: 10\.0\.0\.0\/8 via 192\.0\.2\.254\n/);
});
