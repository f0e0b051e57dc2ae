// A cycle over a dropping session, on the Windows deno.exe under Wine, driven from Linux: Wine turns a
// Linux SIGINT into the console's Ctrl-C, which a Windows process cannot send another here.
import assert from "node:assert/strict";
import { DENO_EXE, DOUBLE_DLL, projectPath, windowsPath } from "../../harness/paths.ts";
import { scratchFile, WINE_ENV } from "./wine.ts";

const DOUBLE = windowsPath(DOUBLE_DLL);

/** Starts `leasectl cycle` in deno.exe under Wine against the double; its log file is read as it grows. */
async function startCycle(scenario: string, args: string[], stdout: "piped" | "null" = "null") {
  const log = await scratchFile("leasectl-log-");
  const state = await scratchFile("leasectl-state-");
  const child = new Deno.Command("/usr/lib/wine/wine64", {
    args: [
      DENO_EXE,
      "run",
      "--allow-ffi",
      "--allow-env",
      windowsPath(projectPath("cli.ts")),
      "cycle",
      ...args,
    ],
    env: {
      ...WINE_ENV,
      WINEDLLOVERRIDES: "mscoree,mshtml=",
      LEASECTL_IPHLPAPI: DOUBLE,
      LEASECTL_DNSAPI: DOUBLE,
      LEASECTL_DOUBLE_SCENARIO: scenario,
      LEASECTL_DOUBLE_LOG: windowsPath(log),
      LEASECTL_DOUBLE_STATE: windowsPath(state),
      NO_COLOR: "1",
    },
    stdin: "null",
    stdout,
    stderr: "piped",
  }).spawn();
  const calls = async () =>
    (await Deno.readTextFile(log)).split("\n").filter(Boolean).map((line) =>
      line.split("\t").slice(0, 2).join(" ")
    );
  /** Waits until the double has logged `call`; throws after 30 s, as when wine's own DLL answered. */
  const until = async (call: string) => {
    for (let tries = 0; !(await calls()).some((line) => line.startsWith(call)); tries++) {
      if (tries === 600) throw new Error(`the double never logged ${call}: ${(await calls()).join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, calls, until };
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replaceAll("\r\n", "\n");

Deno.test("a first Ctrl-C mid-cycle says leasectl is finishing, and the renew still happens", async () => {
  // Each renew takes half a second; Ctrl-C arrives as soon as the release has begun.
  const { child, calls, until } = await startCycle("slow", []);
  await until("IpReleaseAddress");
  child.kill("SIGINT");
  const { code, stderr } = await child.output();
  assert.match(
    text(stderr),
    /leasectl is finishing the cycle, so that no adapter is left without an address/,
  );
  assert.equal(code, 0);
  const logged = await calls();
  assert.ok(logged.includes("DnsFlushResolverCache 0"), logged.join(", "));
  assert.ok(logged.includes("IpRenewAddress 11") && logged.includes("IpRenewAddress 15"), logged.join(", "));
});

Deno.test("a second Ctrl-C stops the cycle at once with exit status 130", async () => {
  // The renew of Ethernet hangs for a minute: the second Ctrl-C must not wait for it.
  const { child, until } = await startCycle("hang", []);
  await until("IpRenewAddress 11");
  const started = performance.now();
  child.kill("SIGINT");
  await new Promise((resolve) => setTimeout(resolve, 500));
  child.kill("SIGINT");
  const { code } = await child.output();
  assert.equal(code, 130);
  assert.ok(performance.now() - started < 20_000, "it did not wait for the hung renew");
});

Deno.test("a stdout that closes at once (a dropped session) never stops the cycle", async () => {
  const { child, calls } = await startCycle("standard", [], "piped");
  await child.stdout.cancel(); // the reader goes away before anything is written
  const { code } = await child.output();
  assert.equal(code, 0);
  const logged = (await calls()).map((line) => line.split(" ")[0]);
  assert.deepEqual(logged, [
    "IpReleaseAddress",
    "IpReleaseAddress",
    "DnsFlushResolverCache",
    "IpRenewAddress",
    "IpRenewAddress",
  ]);
});
