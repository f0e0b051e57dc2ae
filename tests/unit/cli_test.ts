import assert from "node:assert/strict";
import { cli } from "../helpers/cli.ts";
import { fakeBackend, laptop } from "../helpers/fake_backend.ts";

const ADAPTER_KEYS = [
  "index",
  "guid",
  "friendlyName",
  "description",
  "mac",
  "operStatus",
  "dhcpEnabled",
  "ipv4",
  "ipv6",
  "gateways",
  "dnsServers",
  "dhcpServer",
  "leaseObtained",
  "leaseExpires",
];
const OUTCOME_KEYS = [
  "index",
  "guid",
  "friendlyName",
  "status",
  "code",
  "reason",
  "ipv4Before",
  "ipv4After",
  "ipv6Before",
  "ipv6After",
];

Deno.test("list --json prints an array with every field the contract names", async () => {
  const { code, stdout, stderr } = await cli(["list", "--json"]);
  assert.deepEqual([code, stderr], [0, ""]);
  const adapters = JSON.parse(stdout);
  assert.equal(adapters.length, laptop().length);
  for (const adapter of adapters) for (const key of ADAPTER_KEYS) assert.ok(key in adapter, key);
  assert.deepEqual(adapters[0].ipv4, ["192.0.2.23"]);
  assert.equal(adapters[0].mac, "00-15-5D-AA-BB-01");
});

Deno.test("list prints ipconfig-style text for the adapter named", async () => {
  const { code, stdout } = await cli(["list", "Ethernet"]);
  assert.equal(code, 0);
  assert.match(stdout, /^Ethernet adapter Ethernet:\n/);
  // ipconfig's label column: 34 wide, then ": ", and continuation lines under the values.
  assert.match(stdout, /\n {3}IPv4 Address\. \. \. \. \. \. \. \. \. \. \. : 192\.0\.2\.23\(Preferred\)\n/);
  assert.match(stdout, /\n {3}Subnet Mask \. \. \. \. \. \. \. \. \. \. \. : 255\.255\.255\.0\n/);
  assert.match(stdout, / {3}DNS Servers .*: 192\.0\.2\.53\n {39}2001:db8::53\n/);
  assert.doesNotMatch(stdout, /Wi-Fi/);
});

Deno.test("list with no adapters says so, and --json prints an empty array", async () => {
  assert.match((await cli(["list"], fakeBackend([]))).stdout, /\nNo network adapters\.\n$/);
  assert.deepEqual((await cli(["list", "--json"], fakeBackend([]))).stdout, "[]\n");
});

Deno.test("renew --json prints the operation, returnValue and each adapter's outcome", async () => {
  const { code, stdout } = await cli(["renew", "--json"]);
  assert.equal(code, 0);
  const result = JSON.parse(stdout);
  assert.deepEqual(Object.keys(result), ["operation", "returnValue", "adapters"]);
  assert.deepEqual([result.operation, result.returnValue], ["renew", 0]);
  for (const outcome of result.adapters) assert.deepEqual(Object.keys(outcome), OUTCOME_KEYS);
});

Deno.test("a failed operation exits 1; skips alone exit 0", async () => {
  const failing = fakeBackend(laptop(), { answer: (_, adapter) => adapter.index === 15 ? 121 : 0 });
  const partial = await cli(["renew", "--json"], failing);
  assert.deepEqual([partial.code, JSON.parse(partial.stdout).returnValue], [1, 98]);
  const skipped = await cli(["release", "Wi-Fi"]);
  assert.equal(skipped.code, 0);
  assert.match(
    skipped.stdout,
    /Wi-Fi: skipped\. No operation can be performed on Wi-Fi while it has its media/,
  );
});

Deno.test("release of a static adapter exits 1 with returnValue 100 and says why", async () => {
  const { code, stdout } = await cli(["release", "Static LAN"]);
  assert.equal(code, 1);
  assert.match(stdout, /Static LAN: skipped\. DHCP is not enabled on this adapter\./);
  assert.match(stdout, /No adapter is in the state permissible for this operation.*\(return value 100\)/);
});

Deno.test("access denied tells the user to run from an elevated prompt", async () => {
  const { code, stdout, stderr } = await cli(["renew"], fakeBackend(laptop(), { answer: () => 5 }));
  assert.equal(code, 1);
  assert.match(stdout, /Ethernet: failed \(ERROR_ACCESS_DENIED, 5\)\. Access is denied\./);
  assert.match(stdout, /\(return value 91\)/);
  assert.match(stderr, /elevated prompt/);
});

Deno.test("a timed-out renew is reported with code 1460", async () => {
  const backend = fakeBackend(laptop(), { answer: (_, a) => a.index === 11 ? new Promise(() => {}) : 0 });
  const { code, stdout } = await cli(["renew", "--timeout", "0.2", "--json"], backend);
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(stdout).adapters.map((a: { code: number }) => a.code), [1460, 0, 0]);
});

Deno.test("an unknown adapter exits 2 and lists the adapters that exist", async () => {
  const { code, stdout, stderr } = await cli(["renew", "Bluetooth"]);
  assert.deepEqual([code, stdout], [2, ""]);
  assert.match(stderr, /^leasectl: No adapter matches "Bluetooth"\. The adapters are: Ethernet, Wi-Fi, /);
});

Deno.test("usage errors exit 2 with one line that points to --help", async () => {
  const cases: [string[], RegExp][] = [
    [[], /No command given\./],
    [
      ["frobnicate"],
      /Unknown command "frobnicate"\. The commands are list, release, renew, release6, renew6, cycle, flushdns, watch\./,
    ],
    [["renew", "--bogus"], /Unknown option '--bogus'/],
    [["renew", "a", "b"], /renew takes at most one adapter, and got 2/],
    [["flushdns", "Ethernet"], /flushdns takes no adapter/],
    [["release", "--wait", "5"], /--wait applies only to renew and cycle\./],
    [["list", "--dry-run"], /--dry-run applies only to release, renew, release6, renew6 and cycle\./],
    [["renew", "--timeout"], /--timeout/],
    [["renew", "--timeout", "soon"], /--timeout takes a number of seconds/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await cli(args);
    assert.equal(code, 2, args.join(" "));
    assert.match(stderr, message);
    assert.match(stderr, /Run leasectl --help for usage\.\n$/);
    assert.equal(stderr.split("\n").length, 2, stderr);
  }
});

Deno.test("--help and --version exit 0; the version is deno.json's", async () => {
  const help = await cli(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: leasectl <command>/);
  const { version } = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  assert.deepEqual(await cli(["-V"]), { code: 0, stdout: `leasectl ${version}\n`, stderr: "" });
});

Deno.test("flushdns reports success, and failure with exit 1", async () => {
  assert.deepEqual((await cli(["flushdns"])).stdout, "Flushed the DNS Resolver Cache.\n");
  const failed = await cli(["flushdns"], fakeBackend(laptop(), { flushSucceeds: false }));
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /DnsFlushResolverCache failed/);
});

Deno.test("--dry-run calls nothing", async () => {
  const backend = fakeBackend(laptop());
  const { code, stdout } = await cli(["renew", "--dry-run"], backend);
  assert.equal(code, 0);
  assert.match(stdout, /Ethernet: skipped\. Dry run: the lease would be renewed\./);
  assert.match(stdout, /Dry run: 2 adapters would be renewed; nothing was changed\.\n$/);
  assert.equal(backend.calls.length, 0);
});

Deno.test("renew --dry-run --json marks each adapter it would renew as planned, still skipped", async () => {
  const { code, stdout } = await cli(["renew", "--dry-run", "--json"]);
  assert.equal(code, 0);
  const planned = JSON.parse(stdout).adapters.filter((outcome: { planned?: boolean }) => outcome.planned);
  assert.deepEqual(
    planned.map(({ friendlyName, status }: Record<string, string>) => [friendlyName, status]),
    [
      ["Ethernet", "skipped"],
      ["Ethernet 2", "skipped"],
    ],
  );
});

const deno = Deno.execPath();
const here = (path: string) => new URL(path, import.meta.url).pathname;

Deno.test("cli.ts list on Linux exits 3, names Windows, and prints no stack trace", async () => {
  const { code, stdout, stderr } = await new Deno.Command(deno, {
    args: ["run", "--allow-ffi", here("../../cli.ts"), "list"],
  }).output();
  const text = new TextDecoder().decode(stderr);
  assert.equal(code, 3);
  assert.equal(stdout.length, 0);
  assert.match(
    text,
    /^leasectl: leasectl releases and renews DHCP leases through Windows' Iphlpapi\.dll, and this is linux\./,
  );
  assert.doesNotMatch(text, /\n\s+at /);
});

Deno.test("cli.ts without --allow-ffi on Windows would say so; on Linux the OS is named first", async () => {
  const { code, stderr } = await new Deno.Command(deno, { args: ["run", here("../../cli.ts"), "renew"] })
    .output();
  assert.equal(code, 3);
  assert.match(new TextDecoder().decode(stderr), /Run it on Windows/);
});

Deno.test("importing mod.ts opens no library and needs no permission beyond reading it", async () => {
  const script = await Deno.makeTempFile({ suffix: ".ts" });
  await Deno.writeTextFile(
    script,
    `let opened = 0;
    Deno.dlopen = () => { opened++; throw new Error("dlopen"); };
    const leasectl = await import(${JSON.stringify(here("../../mod.ts"))});
    console.log(JSON.stringify({ opened, exports: Object.keys(leasectl).length }));`,
  );
  const { code, stdout, stderr } = await new Deno.Command(deno, {
    args: ["run", "--no-prompt", `--allow-read=${here("..")},${script}`, script],
  }).output();
  await Deno.remove(script);
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  const { opened, exports } = JSON.parse(new TextDecoder().decode(stdout));
  assert.equal(opened, 0);
  assert.ok(exports > 10);
});
