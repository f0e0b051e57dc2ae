// DLL planting, as Windows allows it: a DLL named iphlpapi.dll beside the executable, in a folder like
// Downloads. Wine prefers its builtin DLLs, which hides the attack; WINEDLLOVERRIDES="iphlpapi,dnsapi=n,b"
// makes it search the application's folder first, as Windows does. Wine reads that variable from the Unix
// environment a process starts with, so the test drives Wine from Linux.
import assert from "node:assert/strict";
import { DENO_EXE, DOUBLE_DLL, projectPath, windowsPath } from "../../harness/paths.ts";
import { scratchFile, WINE_ENV } from "./wine.ts";

/** A folder like Downloads: a copy of deno.exe, with the test double planted beside it. */
async function plantedFolder(): Promise<string> {
  const folder = await Deno.makeTempDir({ prefix: "leasectl-downloads-" });
  await Deno.copyFile(DENO_EXE, `${folder}/deno.exe`);
  // Only iphlpapi.dll: deno.exe itself imports dnsapi.dll at start, so a planted one would stop Deno first.
  await Deno.copyFile(DOUBLE_DLL, `${folder}/iphlpapi.dll`);
  return folder;
}

async function run(folder: string, args: string[]) {
  const log = await scratchFile("leasectl-log-");
  const output = await new Deno.Command("/usr/lib/wine/wine64", {
    args: [`${folder}/deno.exe`, ...args],
    env: {
      ...WINE_ENV,
      WINEDLLOVERRIDES: "iphlpapi,dnsapi=n,b;mscoree,mshtml=",
      LEASECTL_DOUBLE_LOG: windowsPath(log),
      NO_COLOR: "1",
    },
    stdin: "null",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    code: output.code,
    stdout: text(output.stdout),
    stderr: text(output.stderr),
    log: await Deno.readTextFile(log),
  };
}

Deno.test("a planted iphlpapi.dll beside deno.exe is never loaded: leasectl opens the system's", async () => {
  const folder = await plantedFolder();
  try {
    // The control: from this folder, a bare name does load the planted DLL (only the double exports this).
    const bare = await run(folder, [
      "eval",
      `Deno.dlopen("iphlpapi.dll", { LeasectlDoubleSetReleased6: { parameters: ["buffer", "i32"], result: "u32" } });
       console.log("planted");`,
    ]);
    assert.equal(bare.stdout.trim(), "planted", `Windows' search order: ${bare.stderr}`);
    // leasectl, run from the same folder, opens C:\windows\system32\iphlpapi.dll: wine's.
    const cli = windowsPath(projectPath("cli.ts"));
    const listed = await run(folder, ["run", "--allow-ffi", "--allow-env", cli, "list", "--json"]);
    assert.equal(listed.code, 0, listed.stderr);
    const names = JSON.parse(listed.stdout).map((adapter: { friendlyName: string }) => adapter.friendlyName);
    assert.ok(!names.includes("Ethernet") && !names.includes("Wi-Fi"), `the double was loaded: ${names}`);
    assert.ok(names.length > 0);
    const released = await run(folder, ["run", "--allow-ffi", "--allow-env", cli, "release", "--json"]);
    assert.equal(JSON.parse(released.stdout).returnValue, 100, "wine's adapters have no DHCP");
    // The double logs every release and renew it gets: it got none.
    assert.equal(listed.log + released.log, "");
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});
