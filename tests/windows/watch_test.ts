// `leasectl watch` and the library's watch() on deno.exe under Wine, against the
// Iphlpapi double, whose notifier thread fires the change callbacks as Windows does.
import assert from "node:assert/strict";
import { readText as read, waitFor } from "../../harness/wait_for.ts";
import { CLI, DOUBLE_DLL, projectPath } from "../../harness/paths.ts";
import { leasectl, newState, runScript, tempDir } from "./helpers.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const registered = (log: string) =>
  log.includes("NotifyUnicastIpAddressChange\t0\tregistered") &&
  log.includes("NotifyIpInterfaceChange\t0\tregistered") &&
  log.includes("NotifyRouteChange2\t0\tregistered");
/** When the double fired its first notification `what` for interface `index`, in ms since 1970. */
const notifiedAt = (log: string, index: number, what: string) =>
  Number(lines(log).find((line) => line.startsWith(`notify\t${index}\t${what}\t`))?.split("\t")[4]);
const lines = (text: string) => text.split("\n").filter(Boolean);

/** A `leasectl watch` in a console of its own (tests/windows/tools/ctrl_c.ts), and Ctrl-C for it. */
async function startWatch(args: string[], env: { state: string; scenario?: string }) {
  const dir = await tempDir("leasectl-watch-");
  const files = { trigger: `${dir}/ctrl-c`, stdout: `${dir}/out`, stderr: `${dir}/err`, log: `${dir}/log` };
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      projectPath("tests/windows/tools/ctrl_c.ts"),
      files.trigger,
      files.stdout,
      files.stderr,
      "--",
      Deno.execPath(),
      "run",
      "--allow-ffi",
      "--allow-env",
      CLI,
      "watch",
      ...args,
    ],
    env: {
      LEASECTL_IPHLPAPI: DOUBLE_DLL,
      LEASECTL_DOUBLE_SCENARIO: env.scenario ?? "standard",
      LEASECTL_DOUBLE_STATE: env.state,
      LEASECTL_DOUBLE_LOG: files.log,
      NO_COLOR: "1",
    },
    stdout: "null",
    stderr: "null",
  }).spawn();
  return {
    files,
    stdout: () => read(files.stdout),
    /** Presses Ctrl-C and resolves with the exit status once the process has ended. */
    async ctrlC(): Promise<number> {
      await Deno.writeTextFile(files.trigger, "");
      const { code } = await child.status;
      return code;
    },
    status: () => child.status.then((status) => status.code),
  };
}

Deno.test("watch --json prints the double's changes in order, and Ctrl-C ends it with 0, all cancelled", async () => {
  const state = await newState();
  const watching = await startWatch(["--json"], { state });
  await waitFor(watching.files.log, registered);
  await sleep(2500); // the other adapters' lifetimes stand still in the double: that is no change
  assert.equal((await leasectl(["release", "Ethernet"], { state })).code, 0);
  await waitFor(watching.files.stdout, (text) => lines(text).length >= 2);
  assert.equal((await leasectl(["renew", "Ethernet"], { state })).code, 0);
  const output = await waitFor(watching.files.stdout, (text) => lines(text).length >= 4);
  const events = lines(output).map((line) => JSON.parse(line));
  assert.deepEqual(
    events.map((e) => [e.index, e.friendlyName, e.event, e.address?.address ?? e.operStatus, e.gateways]),
    [
      [11, "Ethernet", "addressRemoved", "192.0.2.23", undefined],
      [11, "Ethernet", "interfaceChanged", "up", []],
      [11, "Ethernet", "addressAdded", "192.0.2.23", undefined],
      [11, "Ethernet", "interfaceChanged", "up", ["192.0.2.1"]],
    ],
  );
  for (const event of events) {
    assert.equal(event.guid, "{1EA5EC71-0000-4000-8000-00000000000B}");
    assert.ok(!Number.isNaN(Date.parse(event.time)) && event.time.endsWith("Z"), event.time);
  }
  assert.equal(await watching.ctrlC(), 0);
  assert.equal(lines(await watching.stdout()).length, 4, await watching.stdout());
  const log = await read(watching.files.log);
  assert.equal(
    lines(log).filter((line) => line.startsWith("CancelMibChangeNotify2\t0\tcancelled")).length,
    3, // address, interface and route changes
  );
  assert.doesNotMatch(log, /FROM_CALLBACK/);
  assert.equal(await read(watching.files.stderr), "");
});

Deno.test("watch follows a renew that first yields APIPA, a gateway that comes later, and an adapter going down", async () => {
  const state = await newState();
  const scenario = "apipa-then-lease,late-gateway";
  const watching = await startWatch(["Ethernet", "--json"], { state, scenario });
  await waitFor(watching.files.log, registered);
  assert.equal((await leasectl(["release", "Ethernet"], { state, scenario })).code, 0);
  await waitFor(watching.files.stdout, (text) => lines(text).length >= 2);
  await leasectl(["renew", "Ethernet"], { state, scenario }); // its outcome is renew's tests' business
  const shown = (
    e: { event: string; address?: { address: string; autoconfigured: boolean }; gateways?: string[] },
  ) =>
    e.address
      ? `${e.event} ${e.address.address}${e.address.autoconfigured ? " (APIPA)" : ""}`
      : `${e.event} ${e.gateways}`;
  const leased = await waitFor(
    watching.files.stdout,
    (text) => text.includes('"event":"addressAdded","address":{"address":"192.0.2.23"'),
  );
  await Deno.writeTextFile(state, "down 11\n", { append: true });
  const output = await waitFor(watching.files.stdout, (text) => text.includes('"operStatus":"down"'));
  assert.ok(output.startsWith(leased));
  const events = lines(output).map((line) => JSON.parse(line));
  assert.deepEqual(events.slice(0, 2).map(shown), ["addressRemoved 192.0.2.23", "interfaceChanged "]);
  const afterRenew = events.slice(2).map(shown);
  // The APIPA address comes and goes before the lease's address; the gateway comes after the address.
  const apipaAdded = afterRenew.indexOf("addressAdded 169.254.23.45 (APIPA)");
  const apipaRemoved = afterRenew.indexOf("addressRemoved 169.254.23.45 (APIPA)");
  const leaseAdded = afterRenew.indexOf("addressAdded 192.0.2.23");
  const gateway = afterRenew.indexOf("interfaceChanged 192.0.2.1");
  assert.ok(
    apipaAdded >= 0 && apipaAdded < apipaRemoved && apipaRemoved <= leaseAdded,
    afterRenew.join("\n"),
  );
  assert.ok(gateway >= leaseAdded, afterRenew.join("\n"));
  assert.deepEqual(events.at(-1).operStatus, "down");
  assert.equal(await watching.ctrlC(), 0);
  assert.doesNotMatch(await read(watching.files.log), /FROM_CALLBACK/);
});

Deno.test("watch ADAPTER reports only that adapter, in human lines, and --timeout ends it with 0", async () => {
  const state = await newState();
  const watching = await startWatch(["Ethernet 2", "--timeout", "6"], { state });
  await waitFor(watching.files.log, registered);
  assert.equal((await leasectl(["release"], { state })).code, 0); // Ethernet and Ethernet 2
  const output = await waitFor(watching.files.stdout, (text) => lines(text).length >= 2);
  assert.match(
    lines(output)[0],
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Ethernet 2: address removed 198\.51\.100\.40 \(/,
  );
  assert.match(lines(output)[1], / Ethernet 2: interface up, no gateway$/);
  assert.equal(await watching.status(), 0);
  assert.equal(lines(await watching.stdout()).length, 2, "Ethernet's own changes are not shown");
  const log = await read(watching.files.log);
  assert.equal(
    lines(log).filter((line) => line.startsWith("CancelMibChangeNotify2\t0\tcancelled")).length,
    3, // address, interface and route changes
  );
});

Deno.test("watch with an adapter that matches nothing exits 2 and registers nothing", async () => {
  const watching = await startWatch(["Nothing*", "--json"], { state: await newState() });
  assert.equal(await watching.status(), 2);
  assert.match(await read(watching.files.stderr), /^leasectl: No adapter matches "Nothing\*"/);
  assert.doesNotMatch(await read(watching.files.log), /Notify/);
});

Deno.test("where notifications cannot be registered, watch reads every 250 ms and says so once", async () => {
  const state = await newState();
  const watching = await startWatch(["--json", "--timeout", "3"], { state, scenario: "standard,no-notify" });
  await waitFor(watching.files.log, (log) => log.includes("NotifyUnicastIpAddressChange\t0\trefused"));
  await sleep(300);
  assert.equal((await leasectl(["release", "Ethernet"], { state })).code, 0);
  const output = await waitFor(watching.files.stdout, (text) => lines(text).length >= 2);
  assert.deepEqual(lines(output).map((line) => JSON.parse(line).event), [
    "addressRemoved",
    "interfaceChanged",
  ]);
  assert.equal(await watching.status(), 0);
  assert.equal(
    await read(watching.files.stderr),
    "leasectl: change notifications are not available here; reading the adapters every 250 ms instead.\n",
  );
});

Deno.test("the library's watch() ends when its signal aborts, and the process then exits by itself", async () => {
  const state = await newState();
  const { code, stdout, stderr, ms } = await runScript(
    projectPath("tests/windows/tools/watch_library.ts"),
    [],
    {
      state,
    },
  );
  assert.equal(code, 0, stderr);
  const events = JSON.parse(stdout);
  assert.deepEqual(events.map((e: { event: string }) => e.event), ["addressRemoved", "interfaceChanged"]);
  assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
});

Deno.test("against wine's own Iphlpapi, watch registers its notifications and ends cleanly at --timeout", async () => {
  const { code, stdout, stderr, ms } = await leasectl(["watch", "--json", "--timeout", "1"], {
    iphlpapi: "system",
  });
  assert.equal(code, 0, stderr);
  assert.equal(stderr, "", "no fallback: wine 8.0 exports the notification functions");
  assert.equal(stdout, "");
  assert.ok(ms < 10_000, `took ${Math.round(ms)} ms`);
});

Deno.test("watch prints a gateway that comes with a route notification only, within 50 ms of it", async () => {
  const state = await newState();
  const scenario = "late-gateway"; // a renew takes the gateway away, and it comes back a second later
  const watching = await startWatch(["Ethernet", "--json"], { state, scenario });
  await waitFor(watching.files.log, registered);
  assert.equal((await leasectl(["renew", "Ethernet"], { state, scenario })).code, 0);
  const output = await waitFor(watching.files.stdout, (text) => text.includes('"gateways":["192.0.2.1"]'));
  const log = await read(watching.files.log);
  // Windows sends no interface notification with it, and neither does the double.
  assert.doesNotMatch(log, /^notify\t11\tinterface-/m);
  const event = lines(output).map((line) => JSON.parse(line)).find((e) => e.gateways?.includes("192.0.2.1"));
  const late = Date.parse(event.time) - notifiedAt(log, 11, "route-add");
  assert.ok(late >= -2 && late < 50, `printed ${late} ms after the route notification`);
  assert.equal(await watching.ctrlC(), 0);
});
