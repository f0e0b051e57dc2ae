// cycle, --wait, --log, the APIPA rule and Ctrl-C during a cycle, on any OS with a fake backend.
import assert from "node:assert/strict";
import { cli } from "../helpers/cli.ts";
import { cycle, LibraryLoadError, renew, ReturnValue } from "../../mod.ts";
import { type Fake, fakeBackend, laptop } from "../helpers/fake_backend.ts";

/** The order of the calls that change things: release, flush, renew. */
function order(backend: Fake): string[] {
  const seen: string[] = [];
  const flush = backend.flushDnsResolverCache;
  backend.flushDnsResolverCache = () => (seen.push("flush"), flush());
  const [release, renew] = [backend.ipReleaseAddress, backend.ipRenewAddress];
  backend.ipReleaseAddress = (map) => (seen.push("release"), release(map));
  backend.ipRenewAddress = (map) => (seen.push("renew"), renew(map));
  return seen;
}

Deno.test("cycle releases, flushes, then renews every adapter it released, in that order", async () => {
  const backend = fakeBackend(laptop());
  const seen = order(backend);
  const result = await cycle(undefined, { backend });
  assert.deepEqual(seen, ["release", "release", "flush", "renew", "renew"]);
  assert.deepEqual([result.operation, result.returnValue, result.flushdns], ["cycle", 0, {
    status: "done",
    code: 0,
  }]);
  assert.deepEqual(result.renew.adapters.map((a) => [a.friendlyName, a.status, a.ipv4After]), [
    ["Ethernet", "done", ["192.0.2.23"]],
    ["Wi-Fi", "skipped", []],
    ["Ethernet 2", "done", ["198.51.100.40"]],
  ]);
});

Deno.test("every adapter selected is renewed whatever its release did; returnValue is the release's", async () => {
  const backend = fakeBackend(laptop(), {
    answer: (api, adapter) => api === "IpReleaseAddress" && adapter.index === 11 ? 5 : 0,
  });
  const result = await cycle(undefined, { backend });
  assert.deepEqual(result.release.adapters.map((a) => a.status), ["failed", "skipped", "done"]);
  assert.deepEqual(result.renew.adapters.map((a) => a.status), ["done", "skipped", "done"]);
  assert.equal(result.returnValue, ReturnValue.NotAllLeases);
});

Deno.test("cycle --json prints the three steps; a failed flushdns alone exits 1 with returnValue 0", async () => {
  const { code, stdout } = await cli(["cycle", "--json"], fakeBackend(laptop(), { flushSucceeds: false }));
  const result = JSON.parse(stdout);
  assert.deepEqual(Object.keys(result), ["operation", "returnValue", "release", "flushdns", "renew"]);
  assert.deepEqual([code, result.returnValue, result.flushdns.status], [1, 0, "failed"]);
  assert.deepEqual([result.release.operation, result.renew.operation], ["release", "renew"]);
});

Deno.test("cycle's human output reports each step and each adapter as it finishes", async () => {
  const { code, stdout } = await cli(["cycle", "Ethernet"], fakeBackend(laptop()));
  assert.equal(code, 0);
  assert.equal(
    stdout,
    "Releasing:\nEthernet: released. IPv4 192.0.2.23 -> none\n" +
      "Flushing the DNS Resolver Cache:\nFlushed the DNS Resolver Cache.\n" +
      "Renewing:\nEthernet: renewed. IPv4 none -> 192.0.2.23\n" +
      "Cycle: released 1, renewed 1 of 1 adapter; DNS cache flushed (return value 0).\n",
  );
});

Deno.test("a first Ctrl-C once the release has begun says leasectl is finishing, and the renew still runs", async () => {
  const backend = fakeBackend(laptop());
  const seen = order(backend);
  let handler: (() => void) | undefined, stopped = false;
  const release = backend.ipReleaseAddress;
  backend.ipReleaseAddress = (map) => (handler?.(), release(map)); // Ctrl-C arrives mid-release
  const { code, stderr } = await cli(["cycle", "Ethernet"], backend, (h) => {
    handler = h;
    return () => stopped = true;
  });
  assert.equal(code, 0);
  assert.match(
    stderr,
    /leasectl is finishing the cycle.*the renew will still run\. Press Ctrl-C again to stop now\./,
  );
  assert.deepEqual(seen, ["release", "flush", "renew"]);
  assert.ok(stopped, "it stops listening once the cycle is over");
});

Deno.test("--log appends one JSON line per outcome, then the result, and never truncates", async () => {
  const path = await Deno.makeTempFile({ suffix: ".log" });
  await Deno.writeTextFile(path, "an earlier line\n");
  const { code } = await cli(["cycle", "--log", path], fakeBackend(laptop()));
  assert.equal(code, 0);
  const lines = (await Deno.readTextFile(path)).trimEnd().split("\n");
  assert.equal(lines[0], "an earlier line");
  const records = lines.slice(1).map((line) => JSON.parse(line));
  assert.deepEqual(records.slice(0, -1).map((r) => `${r.operation} ${r.friendlyName} ${r.status}`).sort(), [
    "release Ethernet 2 done",
    "release Ethernet done",
    "release Wi-Fi skipped",
    "renew Ethernet 2 done",
    "renew Ethernet done",
    "renew Wi-Fi skipped",
  ]);
  assert.equal(records.at(-1).operation, "cycle");
  await Deno.remove(path);
});

Deno.test("--log into a folder that does not exist exits 2 before anything is released", async () => {
  const backend = fakeBackend(laptop());
  const { code, stderr } = await cli(["release", "--log", "/nonexistent-folder/x.log"], backend);
  assert.equal(code, 2);
  assert.match(stderr, /cannot open the log file/);
  assert.deepEqual(backend.calls, []);
});

Deno.test("--wait reports ready only once the gateway has arrived, counting from the renew's return", async () => {
  const backend = fakeBackend(laptop(), {
    afterRenew: (_adapter, ms) => ms < 300 ? { gateways: [] } : {},
  });
  const result = await renew("Ethernet", { backend, wait: 5 });
  const [ethernet] = result.adapters;
  assert.deepEqual([ethernet.status, ethernet.ready], ["done", true]);
  assert.ok(ethernet.readyAfterMs! >= 300 && ethernet.readyAfterMs! < 2500, `${ethernet.readyAfterMs} ms`);
});

Deno.test("--wait fails an adapter not ready in time with 1460, naming what was missing", async () => {
  const backend = fakeBackend(laptop(), { afterRenew: () => ({ gateways: [] }) });
  const result = await renew("Ethernet", { backend, wait: 0.3 });
  const [ethernet] = result.adapters;
  assert.deepEqual([ethernet.status, ethernet.code, ethernet.ready, ethernet.readyAfterMs], [
    "failed",
    1460,
    false,
    null,
  ]);
  assert.match(
    ethernet.reason!,
    /^It was renewed but not ready within 0\.3 seconds: it is missing a default gateway\.$/,
  );
});

Deno.test("a renew that leaves only a 169.254 address is failed with 121, with or without --wait", async () => {
  const apipa = () =>
    fakeBackend(laptop(), { afterRenew: () => ({ addresses: ["169.254.23.45"], gateways: [] }) });
  for (const wait of [undefined, 0.3]) {
    const [ethernet] = (await renew("Ethernet", { backend: apipa(), wait })).adapters;
    assert.deepEqual(
      [ethernet.status, ethernet.code, ethernet.ipv4After],
      ["failed", 121, ["169.254.23.45"]],
      String(wait),
    );
    assert.match(ethernet.reason!, /No DHCP server answered/);
  }
});

Deno.test("an address that is autoconfigured at first and real later is ready under --wait", async () => {
  const backend = fakeBackend(laptop(), {
    afterRenew: (_adapter, ms) => ms < 300 ? { addresses: ["169.254.23.45"], gateways: [] } : {},
  });
  const [ethernet] = (await renew("Ethernet", { backend, wait: 5 })).adapters;
  assert.deepEqual([ethernet.status, ethernet.ready, ethernet.ipv4After], ["done", true, ["192.0.2.23"]]);
});

Deno.test("cycle --wait waits for the gateway its release took away", async () => {
  const backend = fakeBackend(laptop(), { afterRenew: (_adapter, ms) => ms < 300 ? { gateways: [] } : {} });
  const result = await cycle("Ethernet", { backend, wait: 5 });
  const [ethernet] = result.renew.adapters;
  assert.deepEqual([ethernet.status, ethernet.ready], ["done", true]);
  assert.ok(ethernet.readyAfterMs! >= 300, `${ethernet.readyAfterMs} ms: ready before the gateway came back`);
});

Deno.test("a bad --wait or adapter argument is refused before anything is released or read", async () => {
  const backend = fakeBackend(laptop());
  const { code, stdout, stderr } = await cli(["cycle", "Ethernet", "--wait", "100000"], backend);
  assert.deepEqual([code, stdout], [2, ""]);
  assert.match(stderr, /The wait must be a number of seconds above 0 and at most 86400/);
  await assert.rejects(cycle(" ", { backend }));
  assert.deepEqual([backend.calls, backend.addressCalls], [[], 0]);
});

Deno.test("a release given up on at --timeout is waited for before its adapter is renewed", async () => {
  const backend = fakeBackend(laptop(), {
    answer: (api, adapter) =>
      api === "IpReleaseAddress" && adapter.index === 11
        ? new Promise((resolve) => setTimeout(() => resolve(0), 500))
        : 0,
  });
  const seen = order(backend);
  const result = await cycle("Ethernet", { backend, timeout: 0.4 });
  assert.deepEqual([result.release.adapters[0].code, result.renew.adapters[0].status], [1460, "done"]);
  // The late release ended before the renew began, so the renew stands: the adapter has its address.
  assert.deepEqual(result.renew.adapters[0].ipv4After, ["192.0.2.23"]);
  assert.deepEqual(seen, ["release", "flush", "renew"]);
});

Deno.test("a release still running at the renew's own deadline fails the renew with 1460, saying why", async () => {
  const backend = fakeBackend(laptop(), {
    answer: (api, adapter) =>
      api === "IpReleaseAddress" && adapter.index === 11
        ? new Promise((resolve) => setTimeout(() => resolve(0), 1000))
        : 0,
  });
  const seen = order(backend);
  const [renewed] = (await cycle("Ethernet", { backend, timeout: 0.2 })).renew.adapters;
  assert.deepEqual([renewed.status, renewed.code], ["failed", 1460]);
  assert.match(renewed.reason!, /earlier call was still running at the deadline/);
  assert.deepEqual(seen, ["release", "flush"], "no renew that the late release would undo");
  await new Promise((resolve) => setTimeout(resolve, 1000)); // let the fake's release end before the next test
});

Deno.test("the renew step still renews when the read after the release fails, and names a vanished adapter", async () => {
  const failing = fakeBackend(laptop(), { addressCallsBeforeFailing: 2 }); // the cycle's and the release's reads
  const result = await cycle(undefined, { backend: failing });
  assert.deepEqual(result.renew.adapters.map((a) => [a.friendlyName, a.status]), [
    ["Ethernet", "done"],
    ["Wi-Fi", "skipped"],
    ["Ethernet 2", "done"],
  ]);
  const adapters = laptop();
  let reads = 0;
  const vanishing = fakeBackend(adapters);
  const read = vanishing.getAdaptersAddresses;
  vanishing.getAdaptersAddresses = (family, flags, buffer, size) => {
    // From the renew's read on, Ethernet 2 is gone (unplugged between the steps).
    if (++reads === 3) adapters.splice(adapters.findIndex((a) => a.index === 15), 1);
    return read(family, flags, buffer, size);
  };
  const gone = await cycle(undefined, { backend: vanishing });
  const ethernet2 = gone.renew.adapters.find((a) => a.friendlyName === "Ethernet 2")!;
  assert.deepEqual([ethernet2.status, ethernet2.code], ["failed", 1168]);
  assert.match(ethernet2.reason!, /Windows no longer lists this adapter/);
});

Deno.test("with --wait, every renew outcome says whether it was ready, skipped and failed ones too", async () => {
  const backend = fakeBackend(laptop(), { answer: (_, adapter) => adapter.index === 15 ? 5 : 0 });
  const result = await renew(undefined, { backend, wait: 1 });
  assert.deepEqual(result.adapters.map((a) => [a.friendlyName, a.status, a.ready, a.readyAfterMs === null]), [
    ["Ethernet", "done", true, false],
    ["Wi-Fi", "skipped", false, true],
    ["Ethernet 2", "failed", false, true],
  ]);
});

Deno.test("a failed renew that leaves only 169.254.x.x keeps its code and says no DHCP server answered", async () => {
  const adapters = laptop();
  adapters[0] = { ...adapters[0], addresses: ["169.254.23.45"] };
  const [ethernet] =
    (await renew("Ethernet", { backend: fakeBackend(adapters, { answer: () => 1722 }) })).adapters;
  assert.deepEqual([ethernet.status, ethernet.code], ["failed", 1722]);
  assert.match(ethernet.reason!, /No DHCP server answered/);
});

Deno.test("a cycle whose flushdns cannot load dnsapi says why, and goes on to renew", async () => {
  const backend = fakeBackend(laptop());
  backend.flushDnsResolverCache = () => {
    throw new LibraryLoadError("dnsapi.dll", ["C:\\Windows\\system32\\dnsapi.dll"]);
  };
  const { code, stdout } = await cli(["cycle", "Ethernet"], backend);
  assert.equal(code, 1);
  assert.match(
    stdout,
    /Could not flush the DNS Resolver Cache \(ERROR_FUNCTION_FAILED, 1627\)\. Could not load dnsapi\.dll/,
  );
  assert.match(stdout, /Ethernet: renewed\./);
});
