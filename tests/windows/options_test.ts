import assert from "node:assert/strict";
import { leasectl, type Run, type RunOptions } from "./helpers.ts";
import { fileURLToPath } from "node:url";

/** The dhcpcsvc double, built by tests/windows/setup.sh; it is dhcpcsvc6 too. */
const DHCPCSVC_DOUBLE = fileURLToPath(
  new URL("../../.cache/windows/build/dhcpcsvc_double.dll", import.meta.url),
);
const ETHERNET = "{1EA5EC71-0000-4000-8000-00000000000B}";

/** `leasectl options …` against both doubles (dhcpcsvc6 too, unless `dhcpcsvc6` says otherwise). */
const options = (args: string[], run: RunOptions & { dhcpcsvc6?: string } = {}) =>
  leasectl(["options", ...args], {
    ...run,
    env: {
      LEASECTL_DHCPCSVC: DHCPCSVC_DOUBLE,
      LEASECTL_DHCPCSVC6: run.dhcpcsvc6 ?? DHCPCSVC_DOUBLE,
      ...run.env,
    },
  });

/** The DhcpRequestParams calls the double logged: the size given, the AdapterName, flags, SendParams and codes. */
const requests = (run: Run, api = "DhcpRequestParams") =>
  run.calls.filter((call) => call.api === api).map((call) => {
    const [name, flags, sent, codes] = call.name.split(" ");
    return {
      size: call.index,
      name,
      flags: Number(flags),
      sent: Number(sent),
      codes: codes.split(",").map(Number),
    };
  });

const byCode = (adapter: { options: { code: number; family: number; value: unknown }[] }) =>
  Object.fromEntries(adapter.options.map((option) => [`${option.family}:${option.code}`, option.value]));

Deno.test("options reads the double's answer out of its buffer, sized by ERROR_MORE_DATA, by value, by GUID", async () => {
  const run = await options(["Ethernet", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  const [ethernet] = JSON.parse(run.stdout);
  assert.equal(ethernet.status, "done");
  const values = byCode(ethernet);
  assert.deepEqual(values["4:3"], ["192.0.2.1"]);
  assert.deepEqual(values["4:6"], ["192.0.2.53", "192.0.2.54"]);
  assert.deepEqual(values["4:119"], ["corp.example", "eng.corp.example"]);
  assert.deepEqual(values["4:121"], [
    { destination: "10.0.0.0/8", router: "192.0.2.254" },
    { destination: "0.0.0.0/0", router: "192.0.2.1" },
  ]);
  assert.equal(values["4:252"], "http://wpad.corp.example/wpad.dat", "the trailing newline dropped");
  assert.equal(values["4:51"], 86400);
  assert.deepEqual(values["6:23"], ["2001:db8::53"]);
  assert.deepEqual(values["6:24"], ["corp.example"]);
  assert.equal(values["4:12"], undefined, "an option the client does not hold is left out");
  const calls = requests(run);
  assert.equal(calls.length, 2);
  assert.deepEqual(calls.map((call) => call.size), [256, 349]);
  assert.ok(calls.every((call) => call.name === ETHERNET && call.flags === 2 && call.sent === 0));
  const apis = run.calls.map((call) => call.api);
  assert.deepEqual(apis.filter((api) => api.startsWith("DhcpCApi")), [
    "DhcpCApiInitialize",
    "DhcpCApiCleanup",
  ]);
  assert.ok(apis.includes("Dhcpv6CApiCleanup"));
});

Deno.test("options follows a size that grows between calls", async () => {
  const run = await options(["Ethernet", "--json"], { scenario: "standard,options-grow" });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout)[0].status, "done");
  assert.deepEqual(requests(run).map((call) => call.size), [256, 349, 413]);
});

Deno.test("malformed options are null with their bytes kept; a pointer loop in 119 is one of them", async () => {
  const run = await options(["Ethernet", "--json"], { scenario: "standard,options-malformed,options-loop" });
  assert.equal(run.code, 0, run.stderr);
  const [ethernet] = JSON.parse(run.stdout);
  const option = (code: number) => ethernet.options.find((item: { code: number }) => item.code === code);
  for (const code of [6, 46, 51, 119, 121]) assert.equal(option(code).value, null, `option ${code}`);
  assert.equal(option(119).raw, "03656e67c000");
  assert.equal(option(6).raw, "c0000235c0");
  assert.equal(option(1).value, "255.255.255.0");
  assert.ok(requests(run).length > 0);
});

Deno.test("an option pointing outside the buffer fails its adapter with 13, naming the call", async () => {
  const run = await options(["--json"], { scenario: "standard,options-outside" });
  assert.equal(run.code, 1);
  const [ethernet, second] = JSON.parse(run.stdout).filter((adapter: { status: string }) =>
    adapter.status !== "skipped"
  );
  assert.equal(ethernet.code, 13);
  assert.match(ethernet.reason, /DhcpRequestParams returned data that leasectl cannot read: option 3/);
  assert.equal(second.code, 13, "the double points every adapter's option 3 past its buffer");
});

Deno.test("a call that hangs fails at --timeout with 1460 while the others finish, and the process exits", async () => {
  const run = await options(["--json", "--timeout", "2"], { scenario: "standard,options-hang" });
  assert.equal(run.code, 1);
  const adapters = JSON.parse(run.stdout);
  assert.deepEqual(
    adapters.map((adapter: { friendlyName: string; status: string; code: number }) =>
      `${adapter.friendlyName}: ${adapter.status} ${adapter.code}`
    ),
    ["Ethernet: failed 1460", "Wi-Fi: skipped 0", "Ethernet 2: done 0"],
  );
  assert.ok(run.ms < 20_000, `took ${run.ms} ms`);
  assert.ok(run.calls.some((call) => call.api === "DhcpCApiCleanup"));
});

Deno.test("against wine's own dhcpcsvc, options gives a clear outcome, and no DHCPv6 call ends the process", async () => {
  // Wine's DhcpRequestParams knows only its own adapters, by its own GUIDs: the double's it refuses.
  const wine = await leasectl(["options", "Ethernet", "--json"], {
    env: { LEASECTL_DHCPCSVC: "", LEASECTL_DHCPCSVC6: "" },
  });
  assert.equal(wine.code, 1, wine.stderr);
  const [ethernet] = JSON.parse(wine.stdout);
  assert.deepEqual([ethernet.status, ethernet.code], ["failed", 87]);
  assert.equal(wine.stderr, "");
  // DHCPv4 from the double, DHCPv6 left to wine's dhcpcsvc6, whose functions abort: never called.
  const mixed = await options(["Ethernet", "--json"], { dhcpcsvc6: "" });
  assert.equal(mixed.code, 0, mixed.stderr);
  const [read] = JSON.parse(mixed.stdout);
  assert.equal(read.status, "done");
  assert.equal(read.options.some((option: { family: number }) => option.family === 6), false);
  assert.ok(requests(mixed).length > 0, "the double answered");
});

Deno.test("options' human output through deno.exe is laid out like ipconfig /all", async () => {
  const run = await options(["Ethernet"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /\nEthernet:\n\n {3}Subnet Mask[ .]*: 255\.255\.255\.0\n/);
  assert.match(run.stdout, /Domain Search List[ .]*: corp\.example\n {39}eng\.corp\.example\n/);
  assert.ok(requests(run).length > 0);
});

Deno.test("a dhcpcsvc.dll that will not load exits 3, naming the library and the path tried", async () => {
  const missing = DHCPCSVC_DOUBLE.replace(/dhcpcsvc_double\.dll$/, "no_such_dhcpcsvc.dll");
  const run = await options(["Ethernet"], { env: { LEASECTL_DHCPCSVC: missing } });
  assert.equal(run.code, 3);
  assert.match(run.stderr, /^leasectl: Could not load dhcpcsvc\.dll from .*no_such_dhcpcsvc\.dll/);
  assert.equal(run.stdout, "");
});
