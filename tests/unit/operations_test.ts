import assert from "node:assert/strict";
import {
  type AdapterOutcome,
  InvalidArgumentError,
  listAdapters,
  release,
  releaseAll,
  renew,
  renewAll,
  ReturnValue,
  Win32Error,
} from "../../mod.ts";
import { fakeBackend, laptop } from "../helpers/fake_backend.ts";
import { LISTED_ETHERNET } from "../../harness/listed_adapters.ts";
import { deviceNameOf, type FakeAdapter } from "../../harness/win32_buffers.ts";

const summary = (outcomes: AdapterOutcome[]) =>
  outcomes.map(({ friendlyName, status, code }) => `${friendlyName}: ${status} ${code}`);

Deno.test("listAdapters joins names, flags, addresses and lease times", async () => {
  const [ethernet, wifi, staticLan, ipv6Only, , loopback] = await listAdapters(undefined, {
    backend: fakeBackend(laptop()),
  });
  assert.deepEqual(ethernet, LISTED_ETHERNET);
  assert.equal(wifi.operStatus, "down");
  assert.deepEqual([staticLan.dhcpEnabled, staticLan.dhcpServer, staticLan.leaseExpires], [
    false,
    null,
    null,
  ]);
  assert.equal(ipv6Only.ipv4Enabled, false);
  assert.equal(loopback.loopback, true);
});

Deno.test("renew with no adapter touches DHCP, IPv4-enabled adapters and skips a disconnected one", async () => {
  const backend = fakeBackend(laptop());
  const result = await renew(undefined, { backend });
  assert.equal(result.returnValue, ReturnValue.Success);
  assert.deepEqual(summary(result.adapters), ["Ethernet: done 0", "Wi-Fi: skipped 0", "Ethernet 2: done 0"]);
  assert.match(result.adapters[1].reason!, /while it has its media disconnected/);
  assert.deepEqual(backend.calls.map((call) => [call.api, call.index, call.name]), [
    ["IpRenewAddress", 11, deviceNameOf(laptop()[0])],
    ["IpRenewAddress", 15, deviceNameOf(laptop()[4])],
  ]);
});

Deno.test("release reports each adapter's IPv4 addresses before and after", async () => {
  const backend = fakeBackend(laptop());
  const released = await release("Ethernet", { backend });
  assert.deepEqual(released.adapters.map((a) => [a.ipv4Before, a.ipv4After]), [[["192.0.2.23"], []]]);
  const renewed = await renew("Ethernet", { backend });
  assert.deepEqual(renewed.adapters.map((a) => [a.ipv4Before, a.ipv4After]), [[[], ["192.0.2.23"]]]);
});

Deno.test("a named adapter without DHCP is reported as skipped, and the operation returns 100", async () => {
  const backend = fakeBackend(laptop());
  const result = await release("Static LAN", { backend });
  assert.equal(result.returnValue, ReturnValue.DhcpNotEnabled);
  assert.deepEqual(summary(result.adapters), ["Static LAN: skipped 0"]);
  assert.equal(result.adapters[0].reason, "DHCP is not enabled on this adapter.");
  assert.equal(backend.calls.length, 0);
});

Deno.test("with nothing DHCP-enabled, release all returns 100 and calls nothing", async () => {
  const backend = fakeBackend(laptop().filter((adapter) => !adapter.dhcp));
  const result = await releaseAll({ backend });
  assert.deepEqual([result.returnValue, result.adapters, backend.calls], [100, [], []]);
});

Deno.test("a DHCP adapter without IPv4 is skipped, and the operation returns 84", async () => {
  const result = await renew("IPv6 Only", { backend: fakeBackend(laptop()) });
  assert.deepEqual([result.returnValue, result.adapters[0].reason], [
    84,
    "IPv4 is not enabled on this adapter.",
  ]);
});

Deno.test("partial failure returns 98 and reports every adapter", async () => {
  const backend = fakeBackend(laptop(), { answer: (_, adapter) => adapter.index === 15 ? 121 : 0 });
  const result = await renewAll({ backend });
  assert.equal(result.returnValue, ReturnValue.NotAllLeases);
  assert.deepEqual(summary(result.adapters), [
    "Ethernet: done 0",
    "Wi-Fi: skipped 0",
    "Ethernet 2: failed 121",
  ]);
  // 121's system text ("The semaphore timeout period has expired") misleads: leasectl says what it means.
  assert.match(result.adapters[2].reason!, /^Unable to contact your DHCP server/);
});

Deno.test("access denied everywhere returns 91; not supported returns 64; other failures 82 or 83", async () => {
  const answer = (code: number) => ({ answer: () => code });
  assert.equal((await renewAll({ backend: fakeBackend(laptop(), answer(5)) })).returnValue, 91);
  assert.equal((await renewAll({ backend: fakeBackend(laptop(), answer(740)) })).returnValue, 91);
  assert.equal((await releaseAll({ backend: fakeBackend(laptop(), answer(50)) })).returnValue, 64);
  assert.equal((await renewAll({ backend: fakeBackend(laptop(), answer(121)) })).returnValue, 82);
  assert.equal((await releaseAll({ backend: fakeBackend(laptop(), answer(121)) })).returnValue, 83);
});

Deno.test("a renew past its timeout fails with 1460 while the others finish, and is let go", async () => {
  const never = new Promise<number>(() => {});
  const backend = fakeBackend(laptop(), { answer: (_, adapter) => adapter.index === 11 ? never : 0 });
  const started = Date.now();
  const result = await renew(undefined, { backend, timeout: 0.2 });
  assert.ok(Date.now() - started < 2000);
  assert.deepEqual(summary(result.adapters), [
    "Ethernet: failed 1460",
    "Wi-Fi: skipped 0",
    "Ethernet 2: done 0",
  ]);
  assert.match(result.adapters[0].reason!, /did not finish within 0.2 seconds/);
  assert.equal(result.returnValue, ReturnValue.NotAllLeases);
  assert.equal(backend.abandoned, 1);
});

Deno.test("an adapter that cannot be read again after its renew keeps its outcome, its addresses unknown", async () => {
  const backend = fakeBackend(laptop(), { addressCallsBeforeFailing: 1 });
  const result = await renewAll({ backend });
  assert.equal(result.returnValue, ReturnValue.Success);
  // null is "unknown", not "none": the read after failed, and nothing may be said of the addresses.
  assert.deepEqual(result.adapters.map((a) => [a.friendlyName, a.status, a.ipv4After, a.ipv6After]), [
    ["Ethernet", "done", null, null],
    ["Wi-Fi", "skipped", [], []],
    ["Ethernet 2", "done", null, null],
  ]);
});

Deno.test("onAdapter hears of each adapter as it finishes, a slow one last", async () => {
  let finishSlow: (code: number) => void = () => {};
  const slow = new Promise<number>((resolve) => finishSlow = resolve);
  const backend = fakeBackend(laptop(), { answer: (_, adapter) => adapter.index === 11 ? slow : 0 });
  const heard: string[] = [];
  const pending = renew(undefined, {
    backend,
    onAdapter: (outcome) => {
      heard.push(outcome.friendlyName);
      if (outcome.friendlyName === "Ethernet 2") finishSlow(0);
    },
  });
  await pending;
  assert.deepEqual(heard, ["Wi-Fi", "Ethernet 2", "Ethernet"]);
});

Deno.test("a dry run reads the device names as the real run does, and reports the failure it would hit", async () => {
  const backend = fakeBackend(laptop(), { interfacesFail: 5 });
  const dry = await release(undefined, { backend, dryRun: true });
  const real = await release(undefined, { backend: fakeBackend(laptop(), { interfacesFail: 5 }) });
  assert.deepEqual(backend.calls, []);
  const shown = (result: typeof dry) =>
    result.adapters.map((a) => [a.friendlyName, a.status, a.code, a.reason]);
  assert.deepEqual(shown(dry), shown(real));
  assert.deepEqual([dry.returnValue, dry.adapters.map((a) => a.status)], [real.returnValue, [
    "failed",
    "skipped",
    "failed",
  ]]);
});

Deno.test("a dry run calls nothing and says what it would do", async () => {
  const backend = fakeBackend(laptop());
  const result = await release(undefined, { backend, dryRun: true });
  assert.deepEqual(backend.calls, []);
  assert.equal(result.returnValue, 0);
  assert.deepEqual(result.adapters.map((a) => a.reason), [
    "Dry run: the lease would be released.",
    "No operation can be performed on Wi-Fi while it has its media disconnected.",
    "Dry run: the lease would be released.",
  ]);
  // What the real run would act on is planned; the disconnected adapter is only skipped.
  assert.deepEqual(result.adapters.map((a) => [a.status, a.planned]), [
    ["skipped", true],
    ["skipped", undefined],
    ["skipped", true],
  ]);
});

Deno.test("an index map entry whose name holds no GUID is never acted on: its adapter fails, named", async () => {
  const adapters: FakeAdapter[] = laptop();
  adapters[4] = { ...adapters[4], deviceName: `\\DEVICE\\TCPIP_${"Ü".repeat(113)}` };
  const backend = fakeBackend(adapters);
  const result = await renew("Ethernet 2", { backend });
  assert.deepEqual(summary(result.adapters), ["Ethernet 2: failed 1168"]);
  assert.match(result.adapters[0].reason!, /no IPv4 device name for this adapter/);
  assert.deepEqual(backend.calls, []);
});

Deno.test("bad timeouts are refused before anything is read", async () => {
  for (const timeout of [0, -1, NaN, Infinity, 86_401]) {
    const backend = fakeBackend(laptop());
    await assert.rejects(renew(undefined, { backend, timeout }), InvalidArgumentError, String(timeout));
    assert.equal(backend.addressCalls, 0);
  }
});

Deno.test("GetAdaptersAddresses is called again while the size grows between calls", async () => {
  const extra = (n: number): FakeAdapter[] =>
    Array.from({ length: 60 }, (_, i) => ({
      index: 1000 + n * 100 + i,
      guid: `{E2A8B1C4-0000-4000-8000-${String(n * 100 + i).padStart(12, "0")}}`,
      friendlyName: `Hot-plug ${n}.${i}`,
      dhcp: true,
    }));
  const backend = fakeBackend(laptop(), { growBy: [extra(1), extra(2)] });
  const adapters = await listAdapters(undefined, { backend });
  assert.ok(backend.addressCalls >= 3, `${backend.addressCalls} calls`);
  assert.equal(adapters.length, laptop().length + 120);
});

Deno.test("no adapters at all: an empty list, and release all returns 100", async () => {
  for (const emptyInterfaceInfo of ["no-data", "zero"] as const) {
    const backend = fakeBackend([], { emptyInterfaceInfo });
    assert.deepEqual(await listAdapters(undefined, { backend }), []);
    assert.equal((await releaseAll({ backend })).returnValue, 100);
  }
});

Deno.test("a failing GetAdaptersAddresses throws a Win32Error naming the API and the code", async () => {
  const error = await listAdapters(undefined, { backend: fakeBackend(laptop(), { addressesFail: 5 }) }).catch(
    (e) => e,
  );
  assert.ok(error instanceof Win32Error);
  assert.deepEqual([error.api, error.code, error.codeName], [
    "GetAdaptersAddresses",
    5,
    "ERROR_ACCESS_DENIED",
  ]);
  assert.equal(
    error.message,
    "GetAdaptersAddresses failed with ERROR_ACCESS_DENIED (5): Access is denied. Run leasectl from an elevated " +
      "prompt (Run as administrator), or as a member of the Network Configuration Operators group.",
  );
});

Deno.test("a release past its timeout fails with 1460 while the others finish, and is let go", async () => {
  const never = new Promise<number>(() => {});
  const backend = fakeBackend(laptop(), {
    answer: (api, adapter) => api === "IpReleaseAddress" && adapter.index === 11 ? never : 0,
  });
  const result = await release(undefined, { backend, timeout: 0.2 });
  assert.deepEqual(summary(result.adapters), [
    "Ethernet: failed 1460",
    "Wi-Fi: skipped 0",
    "Ethernet 2: done 0",
  ]);
  assert.match(result.adapters[0].reason!, /The release did not finish within 0.2 seconds/);
  assert.equal(backend.abandoned, 1);
});

Deno.test("a thread that cannot be waited for fails its adapter with the Win32 code, and the others finish", async () => {
  const backend = fakeBackend(laptop(), {
    answer: (_, adapter) =>
      adapter.index === 11 ? Promise.reject(new Win32Error("WaitForSingleObject", 6)) : 0,
  });
  const result = await renew(undefined, { backend });
  assert.deepEqual(summary(result.adapters), [
    "Ethernet: failed 6",
    "Wi-Fi: skipped 0",
    "Ethernet 2: done 0",
  ]);
  assert.match(
    result.adapters[0].reason!,
    /Windows could not tell how the renew ended \(WaitForSingleObject\)/,
  );
});
