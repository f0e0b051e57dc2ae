// The trust rules of docs/trust.md on any OS: the exact adapter by GUID, nothing
// dropped silently, no raw control characters on a terminal, bounded matching,
// odd values degraded, messages that say what to do, 64-bit runtimes only.
import assert from "node:assert/strict";
import { cli } from "../helpers/cli.ts";
import { decodeAdapterAddresses } from "../../ffi/codecs/adapter_addresses.ts";
import { checkArchitecture } from "../../ffi/platform.ts";
import {
  IP_ADAPTER_ADDRESSES_LH,
  IP_ADAPTER_DNS_SERVER_ADDRESS_XP,
  SOCKET_ADDRESS,
} from "../../ffi/layouts.ts";
import { matchCodePoints, matchesPattern } from "../../lib/select.ts";
import {
  DecodeError,
  listAdapters,
  release,
  renew,
  ReturnValue,
  UnsupportedPlatformError,
} from "../../mod.ts";
import { fakeBackend, laptop } from "../helpers/fake_backend.ts";
import {
  buildAdapterAddresses,
  deviceNameOf,
  FAKE_BASE,
  type FakeAdapter,
} from "../../harness/win32_buffers.ts";

/** A control character a terminal could act on: C0 but newline and tab, DEL, C1. */
// deno-lint-ignore no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** Two adapters that share interface index 11, as a disabled and re-enabled adapter can. */
function sharedIndex(): FakeAdapter[] {
  const adapters = laptop();
  const other: FakeAdapter = {
    ...adapters[0],
    guid: "{E2A8B1C4-0000-4000-8000-0000000000E3}",
    friendlyName: "Ethernet 3",
    addresses: ["192.0.2.99"],
    leaseObtained: 1795334400,
  };
  return [adapters[0], other, ...adapters.slice(1)];
}

Deno.test("two adapters sharing an index: release acts on the one named, by its own GUID's device name", async () => {
  const adapters = sharedIndex();
  const backend = fakeBackend(adapters);
  const result = await release("Ethernet", { backend });
  assert.deepEqual(backend.calls.map((call) => call.name), [deviceNameOf(adapters[0])]);
  assert.deepEqual(result.adapters.map((a) => [a.friendlyName, a.ipv4Before, a.ipv4After]), [
    ["Ethernet", ["192.0.2.23"], []],
  ]);
  // The other adapter of the same index keeps its lease and its own lease times.
  const [, third] = await listAdapters(undefined, { backend });
  assert.deepEqual([third.friendlyName, third.ipv4, third.leaseObtained], [
    "Ethernet 3",
    ["192.0.2.99"],
    "2026-11-22T08:00:00.000Z",
  ]);
});

Deno.test("an index map that names the GUID alone, without \\DEVICE\\TCPIP_, is matched and passed as given", async () => {
  const adapters = laptop();
  adapters[0] = { ...adapters[0], deviceName: adapters[0].guid };
  const backend = fakeBackend(adapters);
  const result = await renew("Ethernet", { backend });
  assert.equal(result.adapters[0].status, "done");
  assert.deepEqual(backend.calls.map((call) => call.name), [adapters[0].guid]);
});

Deno.test("a connected DHCP adapter missing from GetInterfaceInfo is failed with a reason, never dropped", async () => {
  const adapters = laptop();
  adapters[4] = { ...adapters[4], unlisted: true };
  const backend = fakeBackend(adapters);
  const result = await release(undefined, { backend });
  assert.deepEqual(result.adapters.map((a) => `${a.friendlyName}: ${a.status} ${a.code}`), [
    "Ethernet: done 0",
    "Wi-Fi: skipped 0",
    "Ethernet 2: failed 1168",
  ]);
  assert.match(result.adapters[2].reason!, /no IPv4 device name for this adapter/);
  assert.equal(result.returnValue, ReturnValue.NotAllLeases);
});

Deno.test("a failing GetInterfaceInfo fails every adapter to act on, each with the Win32 code", async () => {
  const result = await release(undefined, { backend: fakeBackend(laptop(), { interfacesFail: 5 }) });
  assert.deepEqual(result.adapters.map((a) => [a.status, a.code]), [["failed", 5], ["skipped", 0], [
    "failed",
    5,
  ]]);
  assert.equal(result.returnValue, ReturnValue.AccessDenied);
});

Deno.test("a disconnected adapter is skipped for its media before anything else is said of it", async () => {
  const adapters = laptop();
  adapters[1] = { ...adapters[1], ipv4Bound: false };
  const result = await release("Wi-Fi", { backend: fakeBackend(adapters) });
  assert.match(result.adapters[0].reason!, /media disconnected/);
});

const HOSTILE_NAME = "Evil\x1b[2J\x1b]0;pwned\x07Net";
const HOSTILE_DESCRIPTION = "Desc\r\n   DHCP Enabled. . . . . . . . . . . : No\x7f\u009b31m";

function hostile(): FakeAdapter[] {
  const adapters = laptop();
  adapters[0] = { ...adapters[0], friendlyName: HOSTILE_NAME, description: HOSTILE_DESCRIPTION };
  return adapters;
}

Deno.test("escape sequences in adapter names never reach the terminal raw; JSON keeps the exact string", async () => {
  const backend = fakeBackend(hostile());
  for (const args of [["list"], ["renew"], ["release", "Evil*"], ["list", "nothing-like-it"]]) {
    const { stdout, stderr } = await cli(args, backend);
    for (const text of [stdout, stderr]) {
      assert.doesNotMatch(
        text,
        RAW_CONTROL,
        `${args.join(" ")}: a raw control character`,
      );
    }
    if (args[0] === "list" && args.length === 1) {
      assert.match(stdout, /Ethernet adapter Evil\\x1B\[2J\\x1B\]0;pwned\\x07Net:/);
      // The forged line stays on the description's own line.
      assert.match(stdout, /Description .*: Desc\\r\\n {3}DHCP Enabled\. \. .*: No\\x7F\\x9B31m\n/);
      const shownAdapters = stdout.match(/^\S.* adapter .*:$/gm)!.length;
      assert.equal(
        stdout.match(/^ {3}DHCP Enabled/gm)?.length,
        shownAdapters,
        "one DHCP Enabled line per adapter",
      );
    }
  }
  const json = await cli(["list", "--json"], backend);
  assert.doesNotMatch(json.stdout, RAW_CONTROL);
  const [first] = JSON.parse(json.stdout);
  assert.deepEqual([first.friendlyName, first.description], [HOSTILE_NAME, HOSTILE_DESCRIPTION]);
});

Deno.test("the user's own arguments are escaped and cut when echoed", async () => {
  const long = await cli(["x".repeat(5000)]);
  assert.equal(long.code, 2);
  assert.ok(long.stderr.length < 300, `${long.stderr.length} characters echoed`);
  assert.match(long.stderr, /Unknown command "x{79}…"/);
  const escaped = await cli(["\x1b]0;pwned\x07"]);
  assert.match(escaped.stderr, /Unknown command "\\x1B\]0;pwned\\x07"/);
  const notFound = await cli(["list", `No\x1b[2JSuch${"y".repeat(200)}`]);
  assert.equal(notFound.code, 2);
  assert.doesNotMatch(notFound.stderr, RAW_CONTROL);
  assert.match(notFound.stderr, /No adapter matches "No\\x1B\[2JSuchy+…"/);
});

Deno.test("twelve stars and a letter match in a bounded number of steps, not exponentially", () => {
  // The matcher reads the name's length once per step: a name that counts those reads counts the steps.
  const counted = (length: number) => {
    const counter = { steps: 0 };
    const name = new Proxy(Array.from("a".repeat(length)), {
      get(target, key, receiver) {
        if (key === "length") counter.steps++;
        return Reflect.get(target, key, receiver);
      },
    });
    return { name, counter };
  };
  const stars = counted(256);
  assert.equal(matchCodePoints(Array.from(`${"*".repeat(12)}b`), stars.name), false);
  // Each character of the name is visited at most (pattern length + 1) times.
  assert.ok(stars.counter.steps <= (13 + 1) * (256 + 1), `${stars.counter.steps} steps`);
  const worst = counted(256);
  assert.equal(matchCodePoints(Array.from(`*${"a*".repeat(100)}b`), worst.name), false);
  assert.ok(worst.counter.steps <= (202 + 1) * (256 + 1), `${worst.counter.steps} steps`);
  assert.equal(matchesPattern(`${"*".repeat(12)}b`, "a".repeat(256)), false);
  assert.equal(matchesPattern("*a*a*a*", "banana"), true);
  assert.equal(matchesPattern("?an*a", "BANANA"), true);
});

Deno.test("an unknown address family in a DNS, gateway or DHCP-server entry is left out, not a failure", () => {
  const bytes = buildAdapterAddresses(laptop());
  const view = new DataView(bytes.buffer);
  // The first adapter's first DNS server entry: its sockaddr's family becomes 17 (AF_NETBIOS).
  const base = Number(FAKE_BASE);
  const dns = Number(view.getBigUint64(IP_ADAPTER_ADDRESSES_LH.FirstDnsServerAddress, true)) - base;
  const sockaddr = Number(view.getBigUint64(dns + IP_ADAPTER_DNS_SERVER_ADDRESS_XP.Address, true)) - base;
  view.setUint16(sockaddr, 17, true);
  const server = Number(
    view.getBigUint64(IP_ADAPTER_ADDRESSES_LH.Dhcpv4Server + SOCKET_ADDRESS.lpSockaddr, true),
  ) - base;
  view.setUint16(server, 99, true);
  const [ethernet] = decodeAdapterAddresses(bytes, FAKE_BASE);
  assert.deepEqual([ethernet.dnsServers, ethernet.dhcpv4Server], [["2001:db8::53"], null]);
});

Deno.test("a success with a zero-length record invents no adapter: it is refused naming GetAdaptersAddresses", () => {
  const bytes = new Uint8Array(IP_ADAPTER_ADDRESSES_LH.size);
  assert.throws(
    () => decodeAdapterAddresses(bytes, FAKE_BASE),
    (error: unknown) => error instanceof DecodeError && error.api === "GetAdaptersAddresses",
  );
});

Deno.test("a broken GetAdaptersInfo, which only supplies lease times, leaves them unknown and list works", async () => {
  const backend = fakeBackend(laptop());
  backend.getAdaptersInfo = (buffer, size) => {
    if (size[0] < 16) {
      size[0] = 16;
      return 111;
    }
    new DataView(buffer.buffer).setBigUint64(0, 1n, true); // Next points outside the buffer
    return 0;
  };
  const [ethernet] = await listAdapters(undefined, { backend });
  assert.deepEqual([ethernet.ipv4, ethernet.leaseObtained, ethernet.dhcpServer], [
    ["192.0.2.23"],
    null,
    "192.0.2.1",
  ]);
  assert.equal((await release("Ethernet", { backend })).returnValue, 0);
});

Deno.test("a DecodeError reads as its own sentence, naming the Win32 call, with no doubled full stop", async () => {
  const backend = fakeBackend(laptop());
  backend.getAdaptersAddresses = (_family, _flags, buffer, size) => {
    if (size[0] < IP_ADAPTER_ADDRESSES_LH.size) {
      size[0] = IP_ADAPTER_ADDRESSES_LH.size;
      return 111;
    }
    buffer.fill(0);
    return 0;
  };
  const { code, stderr } = await cli(["list"], backend);
  assert.equal(code, 1);
  assert.match(stderr, /^leasectl: GetAdaptersAddresses returned data that leasectl cannot read: /);
  assert.doesNotMatch(stderr, /Unexpected error|\.\./);
});

Deno.test("codes whose system text misleads get leasectl's wording; access denied names the operators group", async () => {
  const reasons = new Map<number, string>();
  for (const code of [2, 5, 121, 127, 1722]) {
    const result = await renew("Ethernet", { backend: fakeBackend(laptop(), { answer: () => code }) });
    reasons.set(code, result.adapters[0].reason!);
  }
  assert.match(reasons.get(2)!, /DHCP does not manage this adapter/);
  assert.match(reasons.get(5)!, /Network Configuration Operators group/);
  assert.match(reasons.get(121)!, /^Unable to contact your DHCP server/);
  assert.match(reasons.get(127)!, /An exception occurred during the request to DHCP/);
  assert.match(reasons.get(1722)!, /The DHCP Client service is not running/);
});

Deno.test("a lease is shown only when it is real: no server address, or a disconnected adapter, shows none", async () => {
  const adapters = laptop();
  adapters[0] = { ...adapters[0], dhcpServer: "0.0.0.0" };
  adapters[1] = {
    ...adapters[1],
    dhcpServer: "192.0.2.1",
    leaseObtained: 1795161600,
    leaseExpires: 1795248000,
  };
  adapters[4] = {
    ...adapters[4],
    dhcpServer: "255.255.255.255",
    leaseObtained: 1795161600,
    leaseExpires: 1795248000,
  };
  const [ethernet, wifi, , , ethernet2] = await listAdapters(undefined, { backend: fakeBackend(adapters) });
  for (const adapter of [ethernet, wifi, ethernet2]) {
    assert.deepEqual([adapter.dhcpServer, adapter.leaseObtained, adapter.leaseExpires], [null, null, null]);
  }
  const { stdout } = await cli(["list", "Wi-Fi"], fakeBackend(adapters));
  assert.doesNotMatch(stdout, /Lease/);
});

Deno.test("a 32-bit runtime is refused with what to install; 64-bit ones pass", () => {
  assert.throws(() => checkArchitecture("win32", "ia32"), UnsupportedPlatformError);
  assert.throws(
    () => checkArchitecture("windows", "x86"),
    /needs a 64-bit runtime .* Install the 64-bit build/,
  );
  assert.throws(() => checkArchitecture("linux", "x86_64"), /this is linux/);
  for (
    const [os, arch] of [["windows", "x86_64"], ["windows", "aarch64"], ["win32", "x64"], ["win32", "arm64"]]
  ) {
    checkArchitecture(os, arch);
  }
});

Deno.test("a buffer size beyond any adapter list is refused naming the call, not allocated", async () => {
  const backend = fakeBackend(laptop());
  backend.getAdaptersAddresses = (_family, _flags, _buffer, size) => {
    size[0] = 0xffff_fff0;
    return 111; // ERROR_BUFFER_OVERFLOW
  };
  const error = await listAdapters(undefined, { backend }).catch((caught) => caught);
  assert.ok(error instanceof DecodeError, String(error));
  assert.equal(error.api, "GetAdaptersAddresses");
});
