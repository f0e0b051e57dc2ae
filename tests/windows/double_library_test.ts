// mod.ts in this very process, on the Windows ABI, against the Iphlpapi test double.
import assert from "node:assert/strict";
import { flushDns, listAdapters, release, renew, renewAll } from "../../mod.ts";
import { DOUBLE_DLL, projectPath } from "../../harness/paths.ts";
import { newState, readLog, runScript, tempFile } from "./helpers.ts";

const log = await tempFile("leasectl-log-");
Deno.env.set("LEASECTL_IPHLPAPI", DOUBLE_DLL);
Deno.env.set("LEASECTL_DOUBLE_LOG", log);
Deno.env.set("LEASECTL_DOUBLE_SCENARIO", "standard");

Deno.test("listAdapters() reads the double through Deno.dlopen", async () => {
  const adapters = await listAdapters();
  assert.deepEqual(adapters.filter((a) => a.dhcpEnabled).map((a) => a.friendlyName), [
    "Ethernet",
    "Wi-Fi",
    "IPv6 Only",
    "Ethernet 2",
  ]);
});

Deno.test("release() then renew() report the address before and after", async () => {
  Deno.env.set("LEASECTL_DOUBLE_STATE", await newState());
  const released = await release("Ethernet 2");
  assert.deepEqual(released.adapters.map((a) => [a.status, a.ipv4Before, a.ipv4After]), [
    ["done", ["198.51.100.40"], []],
  ]);
  const renewed = await renew("ethernet 2");
  assert.deepEqual(renewed.adapters.map((a) => [a.status, a.ipv4Before, a.ipv4After]), [
    ["done", [], ["198.51.100.40"]],
  ]);
  const calls = (await readLog(log)).filter((call) => call.index === 15).map((call) => call.api);
  assert.deepEqual(calls.slice(-2), ["IpReleaseAddress", "IpRenewAddress"]);
  Deno.env.delete("LEASECTL_DOUBLE_STATE");
});

Deno.test({
  name: "renewAll() with a timeout fails the hung adapter with 1460 and lets its call go",
  // The hung call is left running by design; it must not hold the process, which the next test checks.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    Deno.env.set("LEASECTL_DOUBLE_SCENARIO", "hang");
    try {
      const started = performance.now();
      const result = await renewAll({ timeout: 0.5 });
      assert.ok(performance.now() - started < 5_000);
      assert.deepEqual(result.adapters.map((a) => [a.friendlyName, a.code]), [
        ["Ethernet", 1460],
        ["Wi-Fi", 0],
        ["Ethernet 2", 0],
      ]);
    } finally {
      Deno.env.set("LEASECTL_DOUBLE_SCENARIO", "standard");
    }
  },
});

Deno.test("a script that renews with a timeout exits without waiting for the hung call", async () => {
  const { code, stdout, ms } = await runScript(projectPath("examples/cycle_all.ts"), ["1"], {
    scenario: "hang",
    state: await newState(),
  });
  assert.ok(ms < 15_000, `took ${Math.round(ms)} ms; the hung call takes 60 s`);
  assert.equal(code, 1);
  assert.match(stdout, /^Ethernet: 192\.0\.2\.23 -> failed: The renew did not finish within 1 second\.\n/);
  assert.match(stdout, /^cycle returned 98\n/m);
});

Deno.test("flushDns() empties the resolver cache through dnsapi.dll", async () => {
  await flushDns();
});
