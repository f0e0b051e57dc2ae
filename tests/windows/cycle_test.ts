// cycle, --wait, --log and the APIPA rule end to end on the Windows ABI, against the double.
import assert from "node:assert/strict";
import { leasectl, newState, tempFile } from "./helpers.ts";

Deno.test("cycle calls release, flushdns, then renew, in that order, in one process", async () => {
  const { code, stdout, calls } = await leasectl(["cycle", "--json"], { state: await newState() });
  assert.equal(code, 0);
  assert.deepEqual(calls.map((call) => call.api), [
    "IpReleaseAddress",
    "IpReleaseAddress",
    "DnsFlushResolverCache",
    "IpRenewAddress",
    "IpRenewAddress",
  ]);
  const result = JSON.parse(stdout);
  assert.deepEqual([result.operation, result.returnValue, result.flushdns], ["cycle", 0, {
    status: "done",
    code: 0,
  }]);
});

Deno.test("a failed flushdns alone leaves returnValue 0 and exits 1", async () => {
  const { code, stdout } = await leasectl(["cycle", "--json"], {
    scenario: "flush-fails",
    state: await newState(),
  });
  const result = JSON.parse(stdout);
  assert.deepEqual([code, result.returnValue, result.flushdns.status], [1, 0, "failed"]);
});

Deno.test("--log holds every outcome as it is known, then the result, and keeps what was there", async () => {
  const path = await tempFile("leasectl-outcomes-", ".log");
  await Deno.writeTextFile(path, "before\n");
  const { code } = await leasectl(["cycle", "--log", path], {
    state: await newState(),
    permissions: ["--allow-ffi", "--allow-env", `--allow-write=${path}`, `--allow-read=${path}`],
  });
  assert.equal(code, 0);
  const lines = (await Deno.readTextFile(path)).replaceAll("\r\n", "\n").trimEnd().split("\n");
  assert.equal(lines[0], "before");
  const records = lines.slice(1).map((line) => JSON.parse(line));
  assert.equal(records.length, 3 + 3 + 1);
  assert.deepEqual(records.filter((r) => r.operation === "renew").map((r) => r.friendlyName).sort(), [
    "Ethernet",
    "Ethernet 2",
    "Wi-Fi",
  ]);
  assert.equal(records.at(-1).operation, "cycle");
});

Deno.test("--log without --allow-write exits 3 with the flag to add, before anything is released", async () => {
  const path = await tempFile("leasectl-outcomes-", ".log");
  const { code, stderr, calls } = await leasectl(["release", "--log", path], { doubleUnused: true });
  assert.equal(code, 3);
  assert.ok(stderr.includes(`--allow-write=${path}`), stderr);
  assert.deepEqual(calls, []);
});

Deno.test("--wait reports ready only after the gateway arrives, a second after the address", async () => {
  const { code, stdout, calls } = await leasectl(["renew", "Ethernet", "--wait", "10", "--json"], {
    scenario: "late-gateway",
    state: await newState(),
  });
  assert.equal(code, 0);
  const [outcome] = JSON.parse(stdout).adapters;
  assert.deepEqual([outcome.status, outcome.ready], ["done", true]);
  assert.ok(outcome.readyAfterMs >= 900 && outcome.readyAfterMs < 5000, `${outcome.readyAfterMs} ms`);
  assert.equal(calls.length, 1);
});

Deno.test("--wait reports ready within 50 ms of the route notification that brings the gateway", async () => {
  const log = await tempFile("leasectl-notify-log-");
  try {
    const { code, stdout } = await leasectl(["renew", "Ethernet", "--wait", "10", "--json"], {
      scenario: "late-gateway",
      state: await newState(),
      env: { LEASECTL_DOUBLE_LOG: log }, // the double's whole log, its notifications' lines included
    });
    assert.equal(code, 0);
    const [outcome] = JSON.parse(stdout).adapters;
    const fields = (await Deno.readTextFile(log)).split(/\r?\n/).map((line) => line.split("\t"));
    const renewedAt = Number(fields.find(([api]) => api === "IpRenewAddress")![4]);
    const routeAt = Number(
      fields.find(([what, index, kind]) =>
        what === "notify" && index === "11" &&
        kind === "route-add"
      )![4],
    );
    // readyAfterMs counts from the renew's return, a few ms after the call's start that the double logs:
    // this is an upper bound of how late it was.
    const late = renewedAt + outcome.readyAfterMs - routeAt;
    assert.ok(outcome.ready && outcome.readyAfterMs >= 900, `${outcome.readyAfterMs} ms`);
    assert.ok(late < 50, `ready ${late} ms after the route notification`);
  } finally {
    await Deno.remove(log);
  }
});

Deno.test("--wait fails with 1460 when the gateway does not come in time, naming it", async () => {
  const { code, stdout } = await leasectl(["renew", "Ethernet", "--wait", "0.3", "--json"], {
    scenario: "late-gateway",
    state: await newState(),
  });
  assert.equal(code, 1);
  const [outcome] = JSON.parse(stdout).adapters;
  assert.deepEqual([outcome.code, outcome.ready, outcome.readyAfterMs], [1460, false, null]);
  assert.match(outcome.reason, /missing a default gateway/);
});

Deno.test("a renew that leaves only 169.254.x.x is failed with 121; with --wait, a lease that comes later is ready", async () => {
  const apipa = await leasectl(["renew", "Ethernet", "--json"], {
    scenario: "apipa",
    state: await newState(),
  });
  const [failed] = JSON.parse(apipa.stdout).adapters;
  assert.deepEqual([apipa.code, failed.code, failed.ipv4After], [1, 121, ["169.254.23.45"]]);
  assert.match(failed.reason, /No DHCP server answered/);
  const later = await leasectl(["renew", "Ethernet", "--wait", "10", "--json"], {
    scenario: "apipa-then-lease",
    state: await newState(),
  });
  const [ready] = JSON.parse(later.stdout).adapters;
  assert.deepEqual([later.code, ready.status, ready.ipv4After], [0, "done", ["192.0.2.23"]]);
  assert.ok(ready.readyAfterMs >= 1400, `${ready.readyAfterMs} ms`);
});
