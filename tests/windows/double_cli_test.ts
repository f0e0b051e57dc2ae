// The CLI end to end on the Windows ABI, against the Iphlpapi test double: every
// contract of docs/contracts.md, and the exact names the double received.
import assert from "node:assert/strict";
import { LISTED_ETHERNET } from "../../harness/listed_adapters.ts";
import { deviceName, leasectl, newState } from "./helpers.ts";

const ETHERNET = deviceName(11), ETHERNET_2 = deviceName(15);

Deno.test("list --json decodes every field the double laid out", async () => {
  const { code, stdout } = await leasectl(["list", "--json"]);
  assert.equal(code, 0);
  const adapters = JSON.parse(stdout);
  assert.deepEqual(adapters.map((a: { friendlyName: string }) => a.friendlyName), [
    "Ethernet",
    "Wi-Fi",
    "Static LAN",
    "IPv6 Only",
    "Ethernet 2",
    "Loopback Pseudo-Interface 1",
  ]);
  assert.deepEqual(adapters[0], LISTED_ETHERNET);
  const [, wifi, staticLan, ipv6Only, , loopback] = adapters;
  assert.deepEqual([wifi.operStatus, wifi.interfaceType, wifi.leaseExpires], ["down", 71, null]);
  assert.deepEqual([staticLan.dhcpEnabled, staticLan.dhcpServer, staticLan.ipv4], [false, null, [
    "203.0.113.7",
  ]]);
  assert.deepEqual([ipv6Only.ipv4Enabled, ipv6Only.ipv6], [false, ["2001:db8::14"]]);
  assert.deepEqual([loopback.loopback, loopback.mac], [true, null]);
});

Deno.test("non-ASCII names survive the round trip, and match case-insensitively", async () => {
  const all = JSON.parse((await leasectl(["list", "--json"], { scenario: "unicode" })).stdout);
  assert.deepEqual(all.map((a: { friendlyName: string }) => a.friendlyName), [
    "Ethernet Ünïcødé 🚀",
    "RÉSEAU SANS FIL",
    "Lab*Net",
    "LabXNet",
  ]);
  const names = async (pattern: string) =>
    JSON.parse((await leasectl(["list", pattern, "--json"], { scenario: "unicode" })).stdout)
      .map((a: { friendlyName: string }) => a.friendlyName);
  assert.deepEqual(await names("ethernet ünïcødé ?"), ["Ethernet Ünïcødé 🚀"]);
  assert.deepEqual(await names("réseau*"), ["RÉSEAU SANS FIL"]);
  assert.deepEqual(await names("Lab*Net"), ["Lab*Net"]);
  assert.deepEqual(await names("Lab?Net"), ["Lab*Net", "LabXNet"]);
});

Deno.test("renew of a non-ASCII adapter passes its device name to IpRenewAddress", async () => {
  const { code, calls } = await leasectl(["renew", "Ethernet Ü*"], { scenario: "unicode" });
  assert.equal(code, 0);
  assert.deepEqual(calls.map(({ api, index, name }) => ({ api, index, name })), [
    { api: "IpRenewAddress", index: 21, name: deviceName(21) },
  ]);
});

Deno.test("an adapter is selected by index, GUID or device name", async () => {
  for (const argument of ["15", "{1ea5ec71-0000-4000-8000-00000000000f}", ETHERNET_2]) {
    const { code, stdout } = await leasectl(["list", argument, "--json"]);
    assert.equal(code, 0, argument);
    assert.deepEqual(JSON.parse(stdout).map((a: { index: number }) => a.index), [15], argument);
  }
});

Deno.test("release with no adapter releases every connected DHCP adapter, by device name", async () => {
  const { code, stdout, calls } = await leasectl(["release", "--json"], { state: await newState() });
  assert.equal(code, 0);
  assert.deepEqual(
    calls.map(({ api, index, name }) => ({ api, index, name })).sort((a, b) => a.index - b.index),
    [
      { api: "IpReleaseAddress", index: 11, name: ETHERNET },
      { api: "IpReleaseAddress", index: 15, name: ETHERNET_2 },
    ],
  );
  const result = JSON.parse(stdout);
  assert.deepEqual([result.operation, result.returnValue], ["release", 0]);
  assert.deepEqual(
    result.adapters.map((
      a: Record<string, unknown>,
    ) => [a.friendlyName, a.status, a.ipv4Before, a.ipv4After]),
    [
      ["Ethernet", "done", ["192.0.2.23"], []],
      ["Wi-Fi", "skipped", [], []],
      ["Ethernet 2", "done", ["198.51.100.40"], []],
    ],
  );
});

Deno.test("a release made by one process is seen by the next, and renew brings the address back", async () => {
  const state = await newState();
  assert.equal((await leasectl(["release", "Ethernet"], { state })).code, 0);
  const listed = JSON.parse((await leasectl(["list", "Ethernet", "--json"], { state })).stdout);
  assert.deepEqual([listed[0].ipv4, listed[0].leaseExpires], [[], null]);
  const renewed = await leasectl(["renew", "Ethernet"], { state });
  assert.equal(renewed.code, 0);
  assert.match(renewed.stdout, /^Ethernet: renewed\. IPv4 none -> 192\.0\.2\.23\n/);
  assert.match(renewed.stdout, /Renewed 1 of 1 adapter \(return value 0\)\.\n$/);
});

Deno.test("--dry-run calls neither IpReleaseAddress nor IpRenewAddress", async () => {
  for (const command of ["release", "renew"]) {
    const { code, stdout, calls } = await leasectl([command, "--dry-run"]);
    assert.deepEqual([code, calls], [0, []]);
    assert.match(stdout, /Dry run: 2 adapters would be/);
  }
});

Deno.test("one adapter failing returns 98 and exit 1, with the system's text for the code", async () => {
  const { code, stdout } = await leasectl(["renew", "--json"], { scenario: "partial" });
  assert.equal(code, 1);
  const result = JSON.parse(stdout);
  assert.equal(result.returnValue, 98);
  const failed = result.adapters.find((a: { index: number }) => a.index === 15);
  assert.equal(failed.status, "failed");
  assert.equal(failed.code, 121);
  assert.ok(failed.reason.length > 5 && !failed.reason.startsWith("Win32 error"), failed.reason);
});

Deno.test("access denied returns 91, exit 1, FormatMessageW's text, and the advice to elevate", async () => {
  const { code, stdout, stderr } = await leasectl(["release"], { scenario: "denied" });
  assert.equal(code, 1);
  assert.match(stdout, /Ethernet: failed \(ERROR_ACCESS_DENIED, 5\)\. Access (is )?denied\./);
  assert.match(stdout, /\(return value 91\)/);
  assert.match(stderr, /Run leasectl from an elevated prompt/);
});

Deno.test("a renew that hangs fails with 1460 at --timeout, the others finish, and the process exits", async () => {
  const { code, stdout, ms } = await leasectl(["renew", "--timeout", "1", "--json"], { scenario: "hang" });
  assert.equal(code, 1);
  assert.ok(ms < 15_000, `took ${Math.round(ms)} ms; the hung call takes 60 s`);
  const result = JSON.parse(stdout);
  assert.equal(result.returnValue, 98);
  assert.deepEqual(result.adapters.map((a: { index: number; code: number }) => [a.index, a.code]), [
    [11, 1460],
    [12, 0],
    [15, 0],
  ]);
});

Deno.test("a static adapter named: skipped, returnValue 100, exit 1; IPv6-only: 84", async () => {
  const staticLan = JSON.parse((await leasectl(["release", "Static LAN", "--json"])).stdout);
  assert.deepEqual([staticLan.returnValue, staticLan.adapters[0].status], [100, "skipped"]);
  const ipv6 = await leasectl(["renew", "IPv6 Only", "--json"]);
  assert.deepEqual([ipv6.code, JSON.parse(ipv6.stdout).returnValue], [1, 84]);
});

Deno.test("an unknown adapter exits 2 and names the adapters that exist", async () => {
  const { code, stderr, calls } = await leasectl(["renew", "Bluetooth"]);
  assert.deepEqual([code, calls], [2, []]);
  assert.match(stderr, /No adapter matches "Bluetooth"\. The adapters are: Ethernet, Wi-Fi, Static LAN, /);
});

Deno.test("no adapters at all (ERROR_NO_DATA, or NumAdapters 0): an empty list, and release returns 100", async () => {
  for (const scenario of ["none", "zero"]) {
    const list = await leasectl(["list", "--json"], { scenario });
    if (scenario === "none") assert.deepEqual([list.code, JSON.parse(list.stdout)], [0, []]);
    else assert.equal(list.code, 0);
    const release = await leasectl(["release", "--json"], { scenario });
    const result = JSON.parse(release.stdout);
    if (scenario === "none") assert.deepEqual([release.code, result.returnValue], [1, 100]);
    else {
      // The records say IPv4 is enabled, but no device name is listed: each is failed by name, none dropped.
      assert.deepEqual([release.code, result.returnValue], [1, 83]);
      assert.deepEqual(
        result.adapters.map((a: Record<string, unknown>) => [a.friendlyName, a.status, a.code]),
        [["Ethernet", "failed", 1168], ["Wi-Fi", "skipped", 0], ["Ethernet 2", "failed", 1168]],
      );
    }
  }
});

Deno.test("GetAdaptersAddresses is retried while the adapter list grows between calls", async () => {
  const { code, stdout } = await leasectl(["list", "--json"], { scenario: "grow" });
  assert.equal(code, 0);
  const adapters = JSON.parse(stdout);
  assert.equal(adapters.length, 6 + 80);
  assert.equal(adapters.at(-1).friendlyName, "Hot-plug 144");
});

Deno.test("64 slow renews run in parallel, at most 16 at a time, and all finish", async () => {
  const { code, stdout, calls } = await leasectl(["renew", "--json"], { scenario: "many,slow" });
  assert.equal(code, 0);
  assert.equal(JSON.parse(stdout).adapters.length, 64);
  assert.equal(new Set(calls.map((call) => call.name)).size, 64);
  const most = Math.max(...calls.map((call) => call.inFlight));
  assert.ok(most > 1 && most <= 16, `at most ${most} renews ran at once`);
});

Deno.test("each adapter is reported as it finishes: a hung one does not hold up the others", async () => {
  const { stdout } = await leasectl(["renew", "--timeout", "1"], { scenario: "hang" });
  assert.deepEqual(stdout.split("\n").map((line) => line.split(":")[0]), [
    "Wi-Fi",
    "Ethernet 2",
    "Ethernet",
    "Renewed 1 of 2 adapters; 1 failed (return value 98).",
    "",
  ]);
  assert.match(
    stdout,
    /^Ethernet: failed \(ERROR_TIMEOUT, 1460\)\. The renew did not finish within 1 second\.$/m,
  );
});

Deno.test("a library that will not load exits 3 and names the path tried", async () => {
  const { code, stderr } = await leasectl(["list"], { iphlpapi: "C:\\nowhere\\missing.dll" });
  assert.equal(code, 3);
  assert.match(stderr, /^leasectl: Could not load Iphlpapi\.dll from C:\\nowhere\\missing\.dll/);
  assert.doesNotMatch(stderr, /\n\s+at /);
});

Deno.test("a DLL without the IP Helper functions exits 3 and names one that is missing", async () => {
  const { code, stderr } = await leasectl(["list"], { iphlpapi: "C:\\windows\\system32\\kernel32.dll" });
  assert.equal(code, 3);
  assert.match(
    stderr,
    /^leasectl: Could not load Iphlpapi\.dll from C:\\windows\\system32\\kernel32\.dll \(.*(GetInterfaceInfo|GetAdaptersAddresses|GetAdaptersInfo|GetNetworkParams)/,
  );
});

Deno.test("without --allow-ffi leasectl exits 3 and says to run with --allow-ffi", async () => {
  const { code, stderr } = await leasectl(["list"], { permissions: ["--allow-env"], doubleUnused: true });
  assert.equal(code, 3);
  assert.match(stderr, /Run it with --allow-ffi/);
});

Deno.test("LEASECTL_IPHLPAPI is ignored unless environment access is already granted", async () => {
  const { code, stdout } = await leasectl(["list", "--json"], {
    permissions: ["--allow-ffi"],
    doubleUnused: true,
  });
  assert.equal(code, 0);
  const names = JSON.parse(stdout).map((a: { friendlyName: string }) => a.friendlyName);
  assert.ok(!names.includes("Static LAN"), `the double was loaded: ${names}`);
});
