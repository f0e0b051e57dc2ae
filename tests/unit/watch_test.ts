import assert from "node:assert/strict";
import { main } from "../../cli.ts";
import { AdapterNotFoundError, release, watch, type WatchEvent } from "../../mod.ts";
import { decodeRow, rowBytes } from "../../ffi/notification_kinds.ts";
import { notificationHub } from "../../ffi/notifications.ts";
import {
  IP_ADDRESS_PREFIX,
  MIB_IPFORWARD_ROW2,
  MIB_IPINTERFACE_ROW,
  MIB_UNICASTIPADDRESS_ROW,
} from "../../ffi/layouts.ts";
import { subscribeChanges } from "../../lib/changes.ts";
import { describeChange } from "../../cli/watch_text.ts";
import { diffAdapters } from "../../lib/watch_events.ts";
import type { Adapter } from "../../lib/types.ts";
import { fakeBackend, laptop } from "../helpers/fake_backend.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects `watch`'s events until `count` have come, then aborts it. */
async function collect(iterable: AsyncIterable<WatchEvent>, controller: AbortController, count: number) {
  const events: WatchEvent[] = [];
  for await (const event of iterable) {
    events.push(event);
    if (events.length === count) controller.abort();
  }
  return events;
}

Deno.test("a notification's row: the address, family and interface index, at the probed offsets", () => {
  const row = new Uint8Array(rowBytes("address"));
  const view = new DataView(row.buffer);
  view.setUint16(MIB_UNICASTIPADDRESS_ROW.Address, 2, true);
  row.set([192, 0, 2, 23], MIB_UNICASTIPADDRESS_ROW.Address + 4);
  view.setUint32(MIB_UNICASTIPADDRESS_ROW.InterfaceIndex, 11, true);
  assert.deepEqual(decodeRow("address", 1, row), {
    kind: "address",
    type: 1,
    family: 2,
    index: 11,
    address: new Uint8Array([192, 0, 2, 23]),
  });
  const six = new Uint8Array(rowBytes("address"));
  new DataView(six.buffer).setUint16(MIB_UNICASTIPADDRESS_ROW.Address, 23, true);
  six[MIB_UNICASTIPADDRESS_ROW.Address + 8] = 0xfe;
  assert.equal(decodeRow("address", 0, six).address?.length, 16);
  assert.equal(decodeRow("address", 0, six).address?.[0], 0xfe);
  const iface = new Uint8Array(rowBytes("interface"));
  new DataView(iface.buffer).setUint16(MIB_IPINTERFACE_ROW.Family, 23, true);
  new DataView(iface.buffer).setUint32(MIB_IPINTERFACE_ROW.InterfaceIndex, 14, true);
  assert.deepEqual(decodeRow("interface", 0, iface), {
    kind: "interface",
    type: 0,
    family: 23,
    index: 14,
    address: null,
  });
  // MibInitialNotification comes with a NULL row.
  assert.deepEqual(decodeRow("interface", 3, null), {
    kind: "interface",
    type: 3,
    family: 0,
    index: 0,
    address: null,
  });
});

Deno.test("a route notification's row: a default route's gateway, family and interface, at the probed offsets", () => {
  const row = new Uint8Array(rowBytes("route"));
  const view = new DataView(row.buffer);
  view.setUint32(MIB_IPFORWARD_ROW2.InterfaceIndex, 11, true);
  view.setUint16(MIB_IPFORWARD_ROW2.DestinationPrefix + IP_ADDRESS_PREFIX.Prefix, 2, true);
  row[MIB_IPFORWARD_ROW2.DestinationPrefix + IP_ADDRESS_PREFIX.PrefixLength] = 0;
  view.setUint16(MIB_IPFORWARD_ROW2.NextHop, 2, true);
  row.set([192, 0, 2, 1], MIB_IPFORWARD_ROW2.NextHop + 4);
  assert.deepEqual(decodeRow("route", 1, row), {
    kind: "route",
    type: 1,
    family: 2,
    index: 11,
    address: new Uint8Array([192, 0, 2, 1]),
    prefixLength: 0,
  });
  // An IPv6 host route through fe80::1: its prefix length says it is no default route.
  const six = new Uint8Array(rowBytes("route"));
  const sixView = new DataView(six.buffer);
  sixView.setUint16(MIB_IPFORWARD_ROW2.DestinationPrefix, 23, true);
  six[MIB_IPFORWARD_ROW2.DestinationPrefix + IP_ADDRESS_PREFIX.PrefixLength] = 128;
  sixView.setUint16(MIB_IPFORWARD_ROW2.NextHop, 23, true);
  six.set([0xfe, 0x80], MIB_IPFORWARD_ROW2.NextHop + 8);
  const decoded = decodeRow("route", 0, six);
  assert.deepEqual([decoded.family, decoded.prefixLength, decoded.address?.length, decoded.address?.[0]], [
    23,
    128,
    16,
    0xfe,
  ]);
});

Deno.test("subscribers share one registration per kind; the last to leave cancels it, and a newcomer registers again", async () => {
  const fake = fakeBackend(laptop(), { notifications: "live" });
  const hub = notificationHub(fake);
  const first: number[] = [], second: number[] = [];
  const leaveFirst = await hub.subscribe("address", (n) => first.push(n.index));
  const leaveSecond = await hub.subscribe("address", (n) => second.push(n.index));
  assert.deepEqual(fake.registrations.map((r) => r.kind), ["address"]);
  fake.notify("address", 11);
  await sleep(0);
  assert.deepEqual([first, second], [[11], [11]]);
  await leaveFirst();
  assert.equal(fake.registrations[0].live, true, "one subscriber is left");
  fake.notify("address", 12);
  await sleep(0);
  assert.deepEqual([first, second], [[11], [11, 12]]);
  await leaveSecond();
  assert.equal(fake.registrations[0].live, false);
  assert.deepEqual(hub.state("address"), { subscribers: 0, registered: false });
  const leaveThird = await hub.subscribe("address", () => {});
  assert.deepEqual(fake.registrations.map((r) => r.live), [false, true]);
  await leaveThird();
});

Deno.test("subscribers are called on the event loop after the native callback returned, never inside it", async () => {
  const fake = fakeBackend(laptop(), { notifications: "live" });
  const seen: number[] = [];
  const leave = await notificationHub(fake).subscribe("interface", (n) => seen.push(n.index));
  fake.notify("interface", 12);
  assert.deepEqual(seen, [], "the callback only noted it");
  await sleep(0);
  assert.deepEqual(seen, [12]);
  await leave();
});

Deno.test("subscribeChanges: event-driven where registration works, closed on close()", async () => {
  const fake = fakeBackend(laptop(), { notifications: "live" });
  const changes: unknown[] = [];
  const feed = await subscribeChanges(fake, (change) => changes.push(change));
  assert.equal(feed.eventDriven, true);
  fake.notify("address", 11);
  fake.notify("interface", 0, 3); // MibInitialNotification: not a change
  await sleep(0);
  fake.notify("route", 11); // a default route: the gateway came
  await sleep(0);
  assert.deepEqual(changes, [{ kind: "address", index: 11 }, { kind: "route", index: 11 }]);
  await feed.close();
  assert.deepEqual(fake.registrations.map((r) => [r.kind, r.live]), [
    ["address", false],
    ["interface", false],
    ["route", false],
  ]);
  fake.notify("address", 11);
  await sleep(0);
  assert.equal(changes.length, 2);
});

for (const notifications of ["missing", "refused", undefined] as const) {
  Deno.test(`subscribeChanges falls back to a 250 ms timer where notifications are ${notifications ?? "absent"}`, async () => {
    const fake = fakeBackend(laptop(), { notifications });
    const changes: unknown[] = [];
    const feed = await subscribeChanges(fake, (change) => changes.push(change));
    assert.equal(feed.eventDriven, false);
    assert.equal(fake.registrations.filter((r) => r.live).length, 0, "a half-made registration is cancelled");
    await sleep(600);
    assert.ok(changes.length >= 2 && changes.length <= 3, `${changes.length} ticks in 600 ms`);
    assert.deepEqual(changes[0], { kind: "interface", index: 0 });
    await feed.close();
    const ticks = changes.length;
    await sleep(300);
    assert.equal(changes.length, ticks, "no tick after close");
  });
}

Deno.test("watch() yields what changed since the reading before, and ends cancelled when its signal aborts", async () => {
  const fake = fakeBackend(laptop(), { notifications: "live" });
  const controller = new AbortController();
  const events = collect(watch("Ethernet", { backend: fake, signal: controller.signal }), controller, 1);
  await sleep(20);
  await release("Ethernet", { backend: fake });
  const [removed] = await events;
  assert.deepEqual(
    [removed.event, removed.index, removed.friendlyName, removed.address?.address, removed.address?.family],
    ["addressRemoved", 11, "Ethernet", "192.0.2.23", 4],
  );
  assert.ok(!Number.isNaN(Date.parse(removed.time)));
  assert.deepEqual(fake.registrations.map((r) => [r.kind, r.live]), [["address", false], [
    "interface",
    false,
  ], ["route", false]]);
});

Deno.test("watch() filters by adapter: another adapter's changes are read but not shown", async () => {
  const adapters = laptop();
  const fake = fakeBackend(adapters, { notifications: "live" });
  const controller = new AbortController();
  const events = collect(watch("Wi-Fi", { backend: fake, signal: controller.signal }), controller, 1);
  await sleep(20);
  await release("Ethernet", { backend: fake });
  await sleep(20);
  adapters.find((adapter) => adapter.friendlyName === "Wi-Fi")!.operStatus = 1;
  fake.notify("interface", 12);
  const [event] = await events;
  assert.deepEqual([event.friendlyName, event.event, event.operStatus], ["Wi-Fi", "interfaceChanged", "up"]);
});

Deno.test("watch() with an adapter that matches nothing throws AdapterNotFoundError and registers nothing", async () => {
  const fake = fakeBackend(laptop(), { notifications: "live" });
  await assert.rejects(async () => {
    for await (const _ of watch("Nothing", { backend: fake })) break;
  }, AdapterNotFoundError);
  assert.deepEqual(fake.registrations, []);
});

Deno.test("watch() ends at once when its signal is already aborted", async () => {
  const fake = fakeBackend(laptop(), { notifications: "live" });
  const events: WatchEvent[] = [];
  for await (const event of watch(undefined, { backend: fake, signal: AbortSignal.abort() })) {
    events.push(event);
  }
  assert.deepEqual([events, fake.registrations], [[], []]);
});

Deno.test("breaking out of watch() cancels its registrations", async () => {
  const fake = fakeBackend(laptop(), { notifications: "live" });
  const iteration = (async () => {
    for await (const _ of watch(undefined, { backend: fake })) break;
  })();
  await sleep(20);
  await release("Ethernet 2", { backend: fake });
  await iteration;
  assert.deepEqual(fake.registrations.map((r) => r.live), [false, false, false]);
});

/** Runs the CLI in this process against `backend`; `interrupt` presses Ctrl-C. */
function cli(args: string[], backend = fakeBackend(laptop(), { notifications: "live" })) {
  let stdout = "", stderr = "", interrupt = () => {};
  const done = main(args, {
    stdout: (text) => Promise.resolve(void (stdout += text)),
    stderr: (text) => Promise.resolve(void (stderr += text)),
    backend,
    onInterrupt: (handler) => {
      interrupt = handler;
      return () => interrupt = () => {};
    },
  });
  return {
    backend,
    done,
    output: () => ({ stdout, stderr }),
    interrupt: () => interrupt(),
  };
}

Deno.test("leasectl watch --json prints one JSON line per change, and exits 0 on Ctrl-C", async () => {
  const adapters = laptop();
  const run = cli(["watch", "--json"], fakeBackend(adapters, { notifications: "live" }));
  await sleep(20);
  await release("Ethernet", { backend: run.backend });
  await sleep(20);
  adapters.find((adapter) => adapter.friendlyName === "Wi-Fi")!.operStatus = 1;
  run.backend.notify("interface", 12);
  await sleep(20);
  run.interrupt();
  assert.equal(await run.done, 0);
  const lines = run.output().stdout.trimEnd().split("\n").map((line) => JSON.parse(line));
  // The release takes Ethernet's address and its gateway; then Wi-Fi comes up.
  assert.deepEqual(lines.map((line) => [line.friendlyName, line.event, line.operStatus, line.gateways]), [
    ["Ethernet", "addressRemoved", undefined, undefined],
    ["Ethernet", "interfaceChanged", "up", []],
    ["Wi-Fi", "interfaceChanged", "up", []],
  ]);
  assert.deepEqual(lines.map((line) => Object.keys(line)), [
    ["time", "index", "guid", "friendlyName", "event", "address"],
    ["time", "index", "guid", "friendlyName", "event", "operStatus", "gateways"],
    ["time", "index", "guid", "friendlyName", "event", "operStatus", "gateways"],
  ]);
  assert.deepEqual(Object.keys(lines[0].address), [
    "address",
    "family",
    "prefixLength",
    "prefixOrigin",
    "suffixOrigin",
    "state",
    "validLifetime",
    "preferredLifetime",
    "leaseLifetime",
    "autoconfigured",
  ]);
  assert.equal(run.output().stderr, "");
  assert.deepEqual(run.backend.registrations.map((r) => r.live), [false, false, false]);
});

Deno.test("leasectl watch ends with 0 at --timeout; where notifications are refused it polls and says so once", async () => {
  const run = cli(["watch", "--timeout", "0.7"], fakeBackend(laptop(), { notifications: "refused" }));
  await sleep(100);
  await release("Ethernet 2", { backend: run.backend });
  assert.equal(await run.done, 0);
  const { stdout, stderr } = run.output();
  assert.match(
    stdout,
    /^\d{4}-\d\d-\d\dT[\d:.]+Z Ethernet 2: address removed 198\.51\.100\.40 \(dhcp, preferred\)\n/,
  );
  assert.equal(
    stderr,
    "leasectl: change notifications are not available here; reading the adapters every 250 ms instead.\n",
  );
});

Deno.test("leasectl watch: an adapter that matches nothing exits 2; --timeout must be a number", async () => {
  const missing = cli(["watch", "Nothing"]);
  assert.equal(await missing.done, 2);
  assert.match(missing.output().stderr, /^leasectl: No adapter matches "Nothing"/);
  const bad = cli(["watch", "--timeout", "soon"]);
  assert.equal(await bad.done, 2);
  assert.match(bad.output().stderr, /--timeout/);
});

Deno.test("watch's human lines show names and addresses escaped; JSON keeps them exact", () => {
  const event: WatchEvent = {
    time: "2026-11-24T10:00:00.123Z",
    index: 11,
    guid: "{1EA5EC71-0000-4000-8000-00000000000B}",
    friendlyName: "Eth\u001b[2Jernet",
    event: "addressAdded",
    address: {
      address: "169.254.23.45",
      family: 4,
      prefixLength: 16,
      prefixOrigin: "wellKnown",
      suffixOrigin: "linkLayerAddress",
      state: "tentative",
      validLifetime: null,
      preferredLifetime: null,
      leaseLifetime: null,
      autoconfigured: true,
    },
  };
  assert.equal(
    describeChange(event),
    "2026-11-24T10:00:00.123Z Eth\\x1B[2Jernet: address added 169.254.23.45 " +
      "(wellKnown, tentative, autoconfiguration: no DHCP server answered)\n",
  );
  assert.equal(
    describeChange({
      ...event,
      event: "interfaceChanged",
      address: undefined,
      operStatus: "down",
      gateways: [],
    }),
    "2026-11-24T10:00:00.123Z Eth\\x1B[2Jernet: interface down, no gateway\n",
  );
});

Deno.test("an address whose lifetimes count down, or stay as they were, has not changed; a renewed one has", () => {
  const adapter = (validLifetime: number | null, state = "preferred") =>
    ({
      index: 11,
      guid: "{4D36E972-E325-11CE-BFC1-08002BE10318}",
      friendlyName: "Ethernet",
      operStatus: "up",
      gateways: ["192.0.2.1"],
      addresses: [{
        address: "192.0.2.23",
        family: 4,
        prefixLength: 24,
        prefixOrigin: "dhcp",
        suffixOrigin: "dhcp",
        state,
        validLifetime,
        preferredLifetime: validLifetime,
        leaseLifetime: validLifetime,
        autoconfigured: false,
      }],
    }) as unknown as Adapter;
  const changes = (before: Adapter, after: Adapter, elapsed: number) =>
    diffAdapters([before], [after], new Date(0), elapsed).map((event) => event.event);
  assert.deepEqual(changes(adapter(86400), adapter(86400), 30), [], "reported unchanged after 30 s");
  assert.deepEqual(changes(adapter(86400), adapter(86370), 30), [], "counted down by 30 s");
  assert.deepEqual(changes(adapter(null), adapter(null), 30), []);
  assert.deepEqual(changes(adapter(43200), adapter(86400), 1), ["addressChanged"], "renewed");
  assert.deepEqual(changes(adapter(86400), adapter(60), 1), ["addressChanged"], "cut short");
  assert.deepEqual(changes(adapter(86400), adapter(86400, "deprecated"), 1), ["addressChanged"]);
  assert.deepEqual(changes(adapter(86400), adapter(null), 1), ["addressChanged"]);
});
