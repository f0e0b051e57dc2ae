// The examples, run as a user would, on the Windows ABI against the double.
import assert from "node:assert/strict";
import { projectPath } from "../../harness/paths.ts";
import { newState, runScript } from "./helpers.ts";

Deno.test("examples/renew_adapter.ts renews one adapter and prints its address", async () => {
  const { code, stdout } = await runScript(projectPath("examples/renew_adapter.ts"), ["Ethernet 2"]);
  assert.deepEqual([code, stdout], [0, "Ethernet 2: 198.51.100.40\n"]);
  const missing = await runScript(projectPath("examples/renew_adapter.ts"), ["Bluetooth"]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^No adapter matches "Bluetooth"/);
});

Deno.test("examples/cycle_all.ts releases, flushes and renews every DHCP adapter, waits, and reports", async () => {
  const { code, stdout, calls } = await runScript(projectPath("examples/cycle_all.ts"), [], {
    state: await newState(),
  });
  assert.equal(code, 0);
  assert.match(stdout, /^Ethernet: 192\.0\.2\.23 -> done: 192\.0\.2\.23, ready after \d+ ms\n/m);
  assert.match(stdout, /^Wi-Fi: - -> skipped: No operation can be performed on Wi-Fi/m);
  assert.equal(calls.filter((call) => call.api === "IpReleaseAddress").length, 2);
  assert.equal(calls.filter((call) => call.api === "IpRenewAddress").length, 2);
});

Deno.test("examples/lease_expiry.ts lists the DHCP adapters with their lease expiry", async () => {
  const { code, stdout } = await runScript(projectPath("examples/lease_expiry.ts"), []);
  assert.equal(code, 0);
  assert.match(stdout, /^Ethernet\t192\.0\.2\.23\texpires 2026-11-21T08:00:00\.000Z \(in -?\d+\.\d h\)\n/);
  assert.match(stdout, /^Wi-Fi\t-\tno lease\n/m);
  assert.doesNotMatch(stdout, /Static LAN/);
});
