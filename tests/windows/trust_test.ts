// The trust rules end to end on the Windows ABI, against the Iphlpapi double's hostile scenarios.
import assert from "node:assert/strict";
import { deviceName, leasectl, newState } from "./helpers.ts";

const SHARED = "\\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-0000000000E3}";
// deno-lint-ignore no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

Deno.test("two adapters sharing index 11: release Ethernet passes Ethernet's own device name, and reads it back", async () => {
  const state = await newState();
  const { code, stdout, calls } = await leasectl(["release", "Ethernet", "--json"], {
    scenario: "shared-index",
    state,
  });
  assert.equal(code, 0);
  assert.deepEqual(calls.map(({ api, index, name }) => [api, index, name]), [[
    "IpReleaseAddress",
    11,
    deviceName(11),
  ]]);
  const [outcome] = JSON.parse(stdout).adapters;
  assert.deepEqual([outcome.friendlyName, outcome.ipv4Before, outcome.ipv4After], [
    "Ethernet",
    ["192.0.2.23"],
    [],
  ]);
  const listed = JSON.parse((await leasectl(["list", "--json"], { scenario: "shared-index", state })).stdout);
  const third = listed.find((a: { friendlyName: string }) => a.friendlyName === "Ethernet 3");
  assert.deepEqual([third.index, third.ipv4, third.leaseObtained], [
    11,
    ["192.0.2.99"],
    "2026-11-22T08:00:00.000Z",
  ]);
  const renewed = await leasectl(["renew", "Ethernet 3"], { scenario: "shared-index", state });
  assert.deepEqual(renewed.calls.map((call) => call.name), [SHARED]);
});

Deno.test("GetInterfaceInfo naming {GUID} alone is matched and passed as Windows gave it", async () => {
  const { code, calls } = await leasectl(["renew", "Ethernet 2"], { scenario: "bare-guid" });
  assert.equal(code, 0);
  assert.deepEqual(calls.map((call) => call.name), ["{1EA5EC71-0000-4000-8000-00000000000F}"]);
});

Deno.test("a connected DHCP adapter missing from GetInterfaceInfo is named in the result as failed", async () => {
  const { code, stdout, calls } = await leasectl(["release", "--json"], {
    scenario: "unlisted",
    state: await newState(),
  });
  assert.equal(code, 1);
  const result = JSON.parse(stdout);
  assert.equal(result.returnValue, 98);
  assert.deepEqual(result.adapters.map((a: Record<string, unknown>) => [a.friendlyName, a.status, a.code]), [
    ["Ethernet", "done", 0],
    ["Wi-Fi", "skipped", 0],
    ["Ethernet 2", "failed", 1168],
  ]);
  assert.deepEqual(calls.map((call) => call.index), [11]);
});

Deno.test("escape sequences in names from Windows are escaped in human output, exact in JSON", async () => {
  for (const args of [["list"], ["renew"], ["list", "Evil*"]]) {
    const { code, stdout, stderr } = await leasectl(args, { scenario: "hostile" });
    assert.equal(code, 0, args.join(" "));
    assert.doesNotMatch(stdout + stderr, RAW_CONTROL, args.join(" "));
    assert.match(stdout, /Evil\\x1B\[2J\\x1B\]0;pwned\\x07Net/);
  }
  const listed = JSON.parse((await leasectl(["list", "--json"], { scenario: "hostile" })).stdout);
  assert.equal(listed[0].friendlyName, "Evil\x1b[2J\x1b]0;pwned\x07Net");
  assert.equal(listed[0].description, "Desc\r\n   DHCP Enabled. . . . . . . . . . . : No\x7f\u009b31m");
});

Deno.test("a success with a zero-length record is refused naming GetAdaptersAddresses, and nothing is acted on", async () => {
  for (const command of ["list", "release"]) {
    const { code, stderr, calls } = await leasectl([command], { scenario: "zero-length" });
    assert.equal(code, 1, command);
    assert.match(
      stderr,
      /^leasectl: GetAdaptersAddresses returned data that leasectl cannot read: .*[^.]\. This is/,
    );
    assert.deepEqual(calls, []);
  }
});

Deno.test("odd address families in DNS, gateway and DHCP server entries are left out; list, release and renew work", async () => {
  const listed = JSON.parse((await leasectl(["list", "--json"], { scenario: "odd-family" })).stdout);
  assert.deepEqual([listed[0].dnsServers, listed[0].gateways], [["192.0.2.53", "2001:db8::53"], [
    "192.0.2.1",
  ]]);
  assert.equal(listed[1].dhcpServer, null, "an odd Dhcpv4Server leaves the field empty");
  for (const command of ["release", "renew"]) {
    assert.equal(
      (await leasectl([command], { scenario: "odd-family", state: await newState() })).code,
      0,
      command,
    );
  }
});

Deno.test("a broken GetAdaptersInfo leaves only the lease times unknown", async () => {
  const { code, stdout } = await leasectl(["list", "--json"], { scenario: "broken-info" });
  assert.equal(code, 0);
  const [ethernet] = JSON.parse(stdout);
  assert.deepEqual([ethernet.ipv4, ethernet.leaseObtained, ethernet.leaseExpires], [
    ["192.0.2.23"],
    null,
    null,
  ]);
  assert.equal((await leasectl(["renew", "Ethernet"], { scenario: "broken-info" })).code, 0);
});

Deno.test("a lease shows only when it is real: none for 0.0.0.0, 255.255.255.255 or a disconnected adapter", async () => {
  const listed = JSON.parse((await leasectl(["list", "--json"], { scenario: "stale-lease" })).stdout);
  for (const name of ["Ethernet", "Ethernet 2", "Wi-Fi"]) {
    const adapter = listed.find((a: { friendlyName: string }) => a.friendlyName === name);
    assert.deepEqual(
      [adapter.dhcpServer, adapter.leaseObtained, adapter.leaseExpires],
      [null, null, null],
      name,
    );
  }
  const { stdout } = await leasectl(["list"], { scenario: "stale-lease" });
  assert.doesNotMatch(stdout, /Lease (Obtained|Expires)/);
});

Deno.test("a release that hangs is ended by --timeout with 1460; the process exits without waiting for it", async () => {
  const { code, stdout, ms } = await leasectl(["release", "--timeout", "1", "--json"], {
    scenario: "hang-release",
    state: await newState(),
  });
  assert.ok(ms < 15_000, `took ${Math.round(ms)} ms; the hung release takes 60 s`);
  assert.equal(code, 1);
  const result = JSON.parse(stdout);
  assert.deepEqual(result.adapters.map((a: Record<string, unknown>) => [a.friendlyName, a.status, a.code]), [
    ["Ethernet", "failed", 1460],
    ["Wi-Fi", "skipped", 0],
    ["Ethernet 2", "done", 0],
  ]);
});

Deno.test("codes whose system text misleads read in leasectl's words, whatever Wine's FormatMessageW says", async () => {
  const reasons: Record<string, RegExp> = {
    "2": /DHCP does not manage this adapter/,
    "5": /Access is denied\. Run leasectl from an elevated prompt .* Network Configuration Operators group/,
    "121": /Unable to contact your DHCP server/,
    "127": /An exception occurred during the request to DHCP/,
    "1722": /The DHCP Client service is not running/,
  };
  for (const [code, reason] of Object.entries(reasons)) {
    const { stdout } = await leasectl(["renew", "Ethernet", "--json"], {
      env: { LEASECTL_DOUBLE_CODE: code },
    });
    const [outcome] = JSON.parse(stdout).adapters;
    assert.equal(outcome.code, Number(code));
    assert.match(outcome.reason, reason, code);
  }
});
