import assert from "node:assert/strict";
import { AdapterNotFoundError, InvalidArgumentError, listAdapters } from "../../mod.ts";
import { fakeBackend, laptop } from "../helpers/fake_backend.ts";
import type { FakeAdapter } from "../../harness/win32_buffers.ts";

const names = async (argument: string, adapters: FakeAdapter[] = laptop()) =>
  (await listAdapters(argument, { backend: fakeBackend(adapters) })).map((adapter) => adapter.friendlyName);

const named = (...friendlyNames: string[]): FakeAdapter[] =>
  friendlyNames.map((friendlyName, n) => ({
    index: 30 + n,
    guid: `{E2A8B1C4-0000-4000-8000-${String(n).padStart(12, "0")}}`,
    friendlyName,
    dhcp: true,
  }));

Deno.test("an adapter argument matches the whole friendly name, ignoring case", async () => {
  assert.deepEqual(await names("ethernet"), ["Ethernet"]);
  assert.deepEqual(await names("ETHERNET 2"), ["Ethernet 2"]);
  await assert.rejects(names("Ether"), AdapterNotFoundError);
});

Deno.test("* matches any run of characters and ? exactly one", async () => {
  assert.deepEqual(await names("Ethernet*"), ["Ethernet", "Ethernet 2"]);
  assert.deepEqual(await names("*i*"), ["Wi-Fi", "Static LAN", "IPv6 Only", "Loopback Pseudo-Interface 1"]);
  assert.deepEqual(await names("Wi?Fi"), ["Wi-Fi"]);
  assert.deepEqual(await names("Ethernet?2"), ["Ethernet 2"]);
  await assert.rejects(names("Ethernet?"), AdapterNotFoundError);
});

Deno.test("case-insensitive matching covers non-ASCII names, and ? matches an emoji", async () => {
  const adapters = named("RÉSEAU SANS FIL", "Ethernet 🚀", "Σύνδεση");
  assert.deepEqual(await names("réseau sans fil", adapters), ["RÉSEAU SANS FIL"]);
  assert.deepEqual(await names("ethernet ?", adapters), ["Ethernet 🚀"]);
  assert.deepEqual(await names("σύνδεση", adapters), ["Σύνδεση"]);
});

Deno.test("a name with a literal * selects only that adapter; as a pattern it selects all it matches", async () => {
  const adapters = named("Lab*Net", "LabXNet");
  assert.deepEqual(await names("lab*net", adapters), ["Lab*Net"]);
  assert.deepEqual(await names("Lab?Net", adapters), ["Lab*Net", "LabXNet"]);
  assert.deepEqual(await names("Lab*", adapters), ["Lab*Net", "LabXNet"]);
});

Deno.test("regular-expression characters in a name are taken literally", async () => {
  const adapters = named("vEthernet (Default Switch)", "a.b", "axb");
  assert.deepEqual(await names("vEthernet (Default Switch)", adapters), ["vEthernet (Default Switch)"]);
  assert.deepEqual(await names("a.b", adapters), ["a.b"]);
});

Deno.test("a whole number selects by interface index", async () => {
  assert.deepEqual(await names("15"), ["Ethernet 2"]);
  await assert.rejects(names("99"), AdapterNotFoundError);
});

Deno.test("a GUID or a device name selects by GUID, in any case", async () => {
  assert.deepEqual(await names("{1ea5ec71-0000-4000-8000-00000000000c}"), ["Wi-Fi"]);
  assert.deepEqual(await names("\\Device\\Tcpip_{1EA5EC71-0000-4000-8000-00000000000b}"), ["Ethernet"]);
});

Deno.test("an adapter that matches nothing is reported with the names that exist", async () => {
  const error = await names("Bluetooth*").catch((caught) => caught);
  assert.ok(error instanceof AdapterNotFoundError);
  assert.match(
    error.message,
    /No adapter matches "Bluetooth\*"\. The adapters are: Ethernet, Wi-Fi, Static LAN/,
  );
});

Deno.test("arguments no adapter could have are refused before any native call", async () => {
  for (const bad of ["", "   ", "a\0b", "x".repeat(257), "bad \ud800 surrogate"]) {
    const backend = fakeBackend(laptop());
    await assert.rejects(listAdapters(bad, { backend }), InvalidArgumentError, JSON.stringify(bad));
    assert.equal(backend.addressCalls, 0, "GetAdaptersAddresses was called");
  }
  assert.deepEqual(await names("x".repeat(256), named("x".repeat(256))), ["x".repeat(256)]);
});
