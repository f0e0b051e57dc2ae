// Bad input, case by case: the exit status and the message a user sees, and
// that nothing reached a native release or renew.
import assert from "node:assert/strict";
import { cli as runCli } from "../helpers/cli.ts";
import { AdapterNotFoundError, InvalidArgumentError, listAdapters, release, renew } from "../../mod.ts";
import { fakeBackend, laptop } from "../helpers/fake_backend.ts";
import type { FakeAdapter } from "../../harness/win32_buffers.ts";

const LONG_NAME = "N".repeat(256);
const adapters = (): FakeAdapter[] => [...laptop(), {
  index: 40,
  guid: "{E2A8B1C4-0000-4000-8000-000000000040}",
  friendlyName: LONG_NAME,
  dhcp: true,
}];

async function cli(args: string[]) {
  const backend = fakeBackend(adapters());
  const run = await runCli(args, backend);
  return { ...run, calls: backend.calls.length, reads: backend.addressCalls };
}

const ADAPTER_HINT =
  /Give a name such as "Ethernet" \(wildcards \* and \? work\), an interface index, or a GUID/;

const cases: { args: string[]; code: number; message: RegExp }[] = [
  { args: ["renew", ""], code: 2, message: /The adapter argument is empty\./ },
  { args: ["renew", "   "], code: 2, message: /The adapter argument is empty\./ },
  { args: ["renew", "\t"], code: 2, message: /The adapter argument is empty\./ },
  {
    args: ["release", "N".repeat(257)],
    code: 2,
    message: /is 257 characters long, longer than any adapter name/,
  },
  { args: ["release", "x".repeat(300)], code: 2, message: /is 300 characters long/ },
  { args: ["list", "Eth\0ernet"], code: 2, message: /contains a NUL character/ },
  { args: ["renew", "Ethernet \ud800"], code: 2, message: /contains a lone UTF-16 surrogate/ },
  { args: ["renew", "\udc00"], code: 2, message: /contains a lone UTF-16 surrogate/ },
  {
    args: ["renew", "Blue*"],
    code: 2,
    message: /No adapter matches "Blue\*"\. The adapters are: Ethernet, Wi-Fi/,
  },
  { args: ["renew", "Ethernet???"], code: 2, message: /No adapter matches "Ethernet\?\?\?"/ },
  { args: ["release", "4294967296"], code: 2, message: /No adapter matches "4294967296"/ },
  { args: ["release", "{00000000-0000-0000-0000-000000000000}"], code: 2, message: /No adapter matches/ },
  {
    args: ["renew", "--timeout", "-1"],
    code: 2,
    message: /--timeout takes a number of seconds above 0, such as 30\./,
  },
  {
    args: ["renew", "--timeout"],
    code: 2,
    message: /--timeout takes a number of seconds above 0, such as 30\./,
  },
  {
    args: ["renew", "--timeout=-1"],
    code: 2,
    message: /--timeout takes a number of seconds above 0, such as 30; got "-1"/,
  },
  {
    args: ["renew", "--timeout", "0"],
    code: 2,
    message: /--timeout takes a number of seconds above 0.*got "0"/,
  },
  {
    args: ["renew", "--timeout", "NaN"],
    code: 2,
    message: /--timeout takes a number of seconds above 0, such as 30; got "NaN"/,
  },
  { args: ["renew", "--timeout", ""], code: 2, message: /--timeout takes a number of seconds/ },
  { args: ["renew", "--timeout", "1e9"], code: 2, message: /got "1e9"/ },
  { args: ["renew", "--timeout", "100000"], code: 2, message: /at most 86400; got 100000/ },
  // Decimal seconds only: what Number() would also take is refused.
  { args: ["renew", "--timeout", "0x10"], code: 2, message: /got "0x10"/ },
  { args: ["renew", "--timeout", "  5 "], code: 2, message: /got " {2}5 "/ },
  {
    args: ["renew", "--wait", "1_0"],
    code: 2,
    message: /--wait takes a number of seconds above 0.*got "1_0"/,
  },
  { args: ["renew", "--timeout", "Infinity"], code: 2, message: /--timeout takes a number of seconds/ },
  { args: ["renew", "--timeout", "10s"], code: 2, message: /got "10s"/ },
  {
    args: ["list", "--timeout", "5"],
    code: 2,
    message: /--timeout applies only to release, renew, release6, renew6, cycle and watch\./,
  },
  { args: ["release", "--wait", "5"], code: 2, message: /--wait applies only to renew and cycle\./ },
  {
    args: ["list", "--log", "x.log"],
    code: 2,
    message: /--log applies only to release, renew, release6, renew6 and cycle\./,
  },
  {
    args: ["flushdns", "--dry-run"],
    code: 2,
    message: /--dry-run applies only to release, renew, release6, renew6 and cycle\./,
  },
  { args: ["renew", "--force"], code: 2, message: /Unknown option '--force'/ },
  { args: ["renew", "-x"], code: 2, message: /Unknown option '-x'/ },
  {
    args: ["renew", "--json=yes"],
    code: 2,
    message: /^leasectl: Option '--json' does not take an argument\. Run leasectl --help/,
  },
  { args: ["Renew"], code: 2, message: /Unknown command "Renew"/ },
  { args: ["renew", "Ethernet", "Wi-Fi"], code: 2, message: /renew takes at most one adapter, and got 2/ },
];

for (const { args, code, message } of cases) {
  Deno.test(`leasectl ${JSON.stringify(args)} exits ${code}: ${message.source}`, async () => {
    const result = await cli(args);
    assert.equal(result.code, code, result.stderr);
    assert.match(result.stderr, message);
    assert.equal(result.stdout, "");
    assert.equal(result.calls, 0);
    assert.match(result.stderr, /^leasectl: [^\n]+\n$/, "one line, no stack trace");
    // Input no adapter could have is refused before anything is read; a name that matches nothing is not.
    if (/adapter argument/.test(result.stderr)) {
      assert.match(result.stderr, ADAPTER_HINT);
      assert.equal(result.reads, 0);
    }
  });
}

Deno.test("a name of exactly 256 characters is accepted and found", async () => {
  const result = await cli(["renew", LONG_NAME, "--json"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).adapters[0].friendlyName, LONG_NAME);
  assert.equal(result.calls, 1);
});

Deno.test("the API refuses the same bad input with typed errors, before any native call", async () => {
  const backend = fakeBackend(adapters());
  for (const bad of ["", " ", "N".repeat(257), "a\0", "\ud83d"]) {
    await assert.rejects(release(bad, { backend }), InvalidArgumentError, JSON.stringify(bad));
    await assert.rejects(listAdapters(bad, { backend }), InvalidArgumentError, JSON.stringify(bad));
  }
  await assert.rejects(renew("Nope*", { backend }), AdapterNotFoundError);
  for (const timeout of [-1, 0, NaN, Infinity, 1e9, "5" as unknown as number]) {
    await assert.rejects(renew(undefined, { backend, timeout }), InvalidArgumentError, String(timeout));
  }
  await assert.rejects(release(42 as unknown as string, { backend }), InvalidArgumentError);
  assert.equal(backend.calls.length, 0);
  assert.equal(backend.addressCalls, 1, "only the name that matches nothing needed the adapters read");
});

Deno.test("an unknown option that starts like a valued one is named as unknown, not as a bad value", async () => {
  for (const option of ["--waitress", "--logfile", "--timeouts=3"]) {
    const result = await cli(["renew", option]);
    assert.equal(result.code, 2, option);
    assert.match(result.stderr, /Unknown option '--/, option);
  }
});
