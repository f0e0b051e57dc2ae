// release6 / renew6 through ipconfig, on any OS with a fake that stands in for it.
import assert from "node:assert/strict";
import { cli } from "../helpers/cli.ts";
import { PermissionError, release6, renew6, ReturnValue } from "../../mod.ts";
import { fakeBackend, laptop } from "../helpers/fake_backend.ts";
import type { FakeAdapter } from "../../harness/win32_buffers.ts";

/** A dual-stack set: DHCPv6 addresses are 2001:db8:…, which the fake's ipconfig takes and gives back. */
function dualStack(): FakeAdapter[] {
  const adapters = laptop();
  adapters[0] = { ...adapters[0], addresses: ["192.0.2.23", "2001:db8:31::23", "fe80::1%11"] };
  adapters[4] = { ...adapters[4], addresses: ["198.51.100.40", "2001:db8:15::40"] };
  return adapters;
}

Deno.test("release6 runs ipconfig /release6 once per IPv6 adapter, with its exact name, and reports IPv6 before and after", async () => {
  const backend = fakeBackend(dualStack());
  const result = await release6(undefined, { backend });
  assert.equal(result.returnValue, ReturnValue.Success);
  // Wi-Fi (disconnected, no IPv6), Static LAN (no IPv6) and loopback are not touched by default.
  assert.deepEqual(backend.ipconfigRuns.sort(), [
    ["/release6", "Ethernet"],
    ["/release6", "Ethernet 2"],
    ["/release6", "IPv6 Only"],
  ]);
  assert.deepEqual(result.adapters.map((a) => [a.friendlyName, a.status, a.ipv6Before, a.ipv6After]), [
    ["Ethernet", "done", ["2001:db8:31::23", "fe80::1%11"], ["fe80::1%11"]],
    ["IPv6 Only", "done", ["2001:db8::14"], []],
    ["Ethernet 2", "done", ["2001:db8:15::40"], []],
  ]);
});

Deno.test("renew6 brings the DHCPv6 address back; a failure is 1627 with ipconfig's own last line", async () => {
  const backend = fakeBackend(dualStack(), {
    ipconfig: (args) =>
      args[1] === "Ethernet 2"
        ? {
          exitCode: 1,
          output:
            "\r\nWindows IP Configuration\r\n\r\nAn error occurred while renewing interface Ethernet 2 : " +
            "The system cannot find the file specified.\r\n",
        }
        : { exitCode: 0, output: "" },
  });
  await release6("Ethernet", { backend });
  const result = await renew6("Ethernet*", { backend });
  assert.deepEqual(result.adapters.map((a) => [a.friendlyName, a.status, a.code]), [
    ["Ethernet", "done", 0],
    ["Ethernet 2", "failed", 1627],
  ]);
  assert.deepEqual(result.adapters[0].ipv6After, ["2001:db8:31::23", "fe80::1%11"]);
  assert.equal(
    result.adapters[1].reason,
    "An error occurred while renewing interface Ethernet 2 : The system cannot find the file specified.",
  );
  assert.equal(result.returnValue, ReturnValue.NotAllLeases);
});

Deno.test("an ipconfig still running at --timeout is killed and its adapter failed with 1460", async () => {
  let killed = 0;
  const backend = fakeBackend(dualStack(), {
    ipconfig: (args, signal) =>
      args[1] === "Ethernet"
        ? new Promise((resolve) =>
          signal.addEventListener("abort", () => (killed++, resolve({ exitCode: 1, output: "" })))
        )
        : { exitCode: 0, output: "" },
  });
  const result = await renew6("Ethernet*", { backend, timeout: 0.2 });
  assert.deepEqual(result.adapters.map((a) => [a.friendlyName, a.code]), [["Ethernet", 1460], [
    "Ethernet 2",
    0,
  ]]);
  assert.equal(killed, 1);
});

Deno.test("a name with * that would also match another adapter is failed, never passed to ipconfig", async () => {
  const adapters: FakeAdapter[] = [
    {
      index: 23,
      guid: "{E2A8B1C4-0000-4000-8000-000000000023}",
      friendlyName: "Lab*Net",
      dhcp: true,
      addresses: ["2001:db8:23::23"],
    },
    {
      index: 24,
      guid: "{E2A8B1C4-0000-4000-8000-000000000024}",
      friendlyName: "LabXNet",
      dhcp: true,
      addresses: ["2001:db8:24::24"],
    },
  ];
  const backend = fakeBackend(adapters);
  const result = await release6("Lab*Net", { backend });
  assert.deepEqual(result.adapters.map((a) => [a.friendlyName, a.status]), [["Lab*Net", "failed"]]);
  assert.match(result.adapters[0].reason!, /ipconfig reads as wildcards, and it would also match LabXNet/);
  assert.deepEqual(backend.ipconfigRuns, []);
});

Deno.test("release6 with no IPv6 adapter selected returns 84; a disconnected one is skipped", async () => {
  const backend = fakeBackend(dualStack());
  const staticOnly = await release6("Static LAN", { backend });
  assert.deepEqual([staticOnly.returnValue, staticOnly.adapters[0].reason], [
    84,
    "IPv6 is not enabled on this adapter.",
  ]);
  const { code, stdout } = await cli(["renew6", "Static LAN"], backend);
  assert.equal(code, 1);
  assert.match(stdout, /none of those selected has IPv6 enabled \(return value 84\)/);
});

Deno.test("without permission to run ipconfig, release6 exits 3 with the flag to add, before anything is done", async () => {
  const refused = new PermissionError(
    "leasectl runs ipconfig.exe … Run it with --allow-run=C:\\Windows\\system32\\ipconfig.exe as well.",
  );
  const backend = fakeBackend(dualStack(), { ipconfigRefused: refused });
  await assert.rejects(release6(undefined, { backend }), PermissionError);
  const { code, stderr } = await cli(["release6"], backend);
  assert.equal(code, 3);
  assert.match(stderr, /--allow-run=C:\\Windows\\system32\\ipconfig\.exe/);
  assert.deepEqual([backend.ipconfigRuns, backend.addressCalls], [[], 0]);
});

Deno.test("renew6 --json prints ipv6Before and ipv6After for each adapter", async () => {
  const { code, stdout } = await cli(["renew6", "Ethernet", "--json"], fakeBackend(dualStack()));
  assert.equal(code, 0);
  const result = JSON.parse(stdout);
  assert.equal(result.operation, "renew6");
  assert.deepEqual(result.adapters[0].ipv6After, ["2001:db8:31::23", "fe80::1%11"]);
});
