// leasectl.exe as a user gets it: dist/leasectl-x86_64-pc-windows.exe, the
// file README.md tells users to ship, copied alone into an empty folder and
// run under Wine, in the fresh prefix and the network namespace that
// tests/exe/run.sh makes (adapters lctl0, up, 192.0.2.10 and lctl1, down,
// 198.51.100.20). Nothing here patches the copy: it is the shipped bytes.
// Linux Deno drives `wine`; Windows programs' stdout cannot be a pipe under
// Wine, so each run writes to files.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { buildExe, EXE_NAME, sha256 } from "../../exe-build.ts";
import { windowsPath } from "../../harness/paths.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const work = Deno.env.get("LEASECTL_EXE_WORK");
const doubleDll = Deno.env.get("DOUBLE");
const ipconfigDouble = Deno.env.get("IPCONFIG_DOUBLE");
const markerDll = Deno.env.get("MARKER");
const bareNodeExe = Deno.env.get("NODE_EXE");
if (!work || !doubleDll || !ipconfigDouble || !markerDll || !bareNodeExe) {
  throw new Error("Run these tests through tests/exe/run.sh, which prepares Wine for them.");
}
const prefix = Deno.env.get("WINEPREFIX")!;
const shipped = `${root}dist/${EXE_NAME}`;
const version = JSON.parse(await Deno.readTextFile(`${root}deno.json`)).version;
const koffiWin = `${root}.cache/exe/@koromix+koffi-win32-x64@${
  JSON.parse(await Deno.readTextFile(`${root}package.json`)).devDependencies.koffi
}/win32_x64/koffi.node`;
/** Where the launcher puts the runtime and koffi.node when elevated, as Wine's programs always are. */
const runtimeFolder = `${prefix}/drive_c/windows/leasectl`;
const decoder = new TextDecoder();

/** A new folder holding only a copy of the shipped exe, as leasectl.exe. */
async function emptyFolderWithExe(): Promise<string> {
  const folder = await Deno.makeTempDir({ dir: work, prefix: "app-" });
  await Deno.copyFile(shipped, `${folder}/leasectl.exe`);
  return folder;
}
const app = await emptyFolderWithExe();

// Built as a string: a winepath start that fails now and then would give an empty path.
const winePath = (path: string): Promise<string> => Promise.resolve(windowsPath(path));
const doubleWindowsPath = await winePath(doubleDll);
const ipconfigWindowsPath = await winePath(ipconfigDouble);
const dhcpcsvcWindowsPath = await winePath(doubleDll.replace(/iphlpapi_double\.dll$/, "dhcpcsvc_double.dll"));

/** The key through which the exe's tests reach the doubles: only administrators can write it on Windows. */
const DOUBLES_KEY = "HKLM\\SOFTWARE\\leasectl\\TestDoubles";
let doublesSet: boolean | undefined;
/** Names the doubles under HKLM (or removes the key), as an administrator setting up a test machine would. */
async function useDoubles(on: boolean): Promise<void> {
  if (doublesSet === on) return;
  const reg = async (args: string[]) => {
    const { code } = await new Deno.Command("wine", {
      args: ["reg", ...args],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return code;
  };
  if (on) {
    for (
      const [name, value] of [
        ["LEASECTL_IPHLPAPI", doubleWindowsPath],
        ["LEASECTL_DNSAPI", doubleWindowsPath],
        ["LEASECTL_IPCONFIG", ipconfigWindowsPath],
        ["LEASECTL_DHCPCSVC", dhcpcsvcWindowsPath],
        ["LEASECTL_DHCPCSVC6", dhcpcsvcWindowsPath],
      ]
    ) {
      assert.equal(await reg(["add", DOUBLES_KEY, "/v", name, "/t", "REG_SZ", "/d", value, "/f"]), 0);
    }
  } else {
    await reg(["delete", DOUBLES_KEY, "/f"]);
  }
  doublesSet = on;
}

interface ExeRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The release/renew calls the double logged: "function index name". */
  calls: string[];
  ms: number;
}

interface ExeOptions {
  /** Runs against wine's own Iphlpapi rather than the double. */
  system?: boolean;
  scenario?: string;
  state?: string;
  /** The folder holding leasectl.exe, which is also the current folder; `app` by default. */
  folder?: string;
  env?: Record<string, string>;
  /** Variables set by cmd.exe just before the exe starts: Wine sets LOCALAPPDATA itself otherwise. */
  cmdSet?: Record<string, string>;
}

/** Runs leasectl.exe with `args` under Wine, from its own folder. */
async function exe(args: string[], options: ExeOptions = {}): Promise<ExeRun> {
  const folder = options.folder ?? app;
  const files = await Deno.makeTempDir({ dir: work, prefix: "run-" });
  const log = `${files}/calls.log`;
  await Deno.writeTextFile(log, "");
  await useDoubles(!options.system);
  const env: Record<string, string> = {
    LEASECTL_DOUBLE_SCENARIO: options.scenario ?? "standard",
    LEASECTL_DOUBLE_LOG: await winePath(log),
    LEASECTL_DOUBLE_STATE: options.state ? await winePath(options.state) : "",
    ...options.env,
  };
  const started = performance.now();
  const { code } = await new Deno.Command("bash", {
    args: [
      "-c",
      options.cmdSet
        ? `wine cmd /c "${
          Object.entries(options.cmdSet).map(([name, value]) => `set ${name}=${value}&& `).join("")
        }leasectl.exe ${args.join(" ")}" > "${files}/out.txt" 2> "${files}/err.txt"`
        : `wine ./leasectl.exe "$@" > "${files}/out.txt" 2> "${files}/err.txt"`,
      "--",
      ...args,
    ],
    cwd: folder,
    env,
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).output();
  const ms = performance.now() - started;
  const read = async (name: string) => (await Deno.readTextFile(`${files}/${name}`)).replaceAll("\r\n", "\n");
  const calls = (await read("calls.log")).split("\n").filter(Boolean).map((line) =>
    line.split("\t").slice(0, 3).join(" ")
  );
  const run = { code, stdout: await read("out.txt"), stderr: await read("err.txt"), calls, ms };
  await Deno.remove(files, { recursive: true });
  return run;
}

/** The runtime and koffi.node the launcher unpacked, by their ending. */
function unpacked(ending: ".exe" | ".node"): string {
  const names = [...Deno.readDirSync(runtimeFolder)].map((entry) => entry.name).filter((name) =>
    name.endsWith(ending)
  );
  assert.equal(names.length, 1, names.join(", "));
  return `${runtimeFolder}/${names[0]}`;
}
const koffiHash = await sha256(koffiWin);

interface Listed {
  friendlyName: string;
  index: number;
  mac: string | null;
  ipv4: string[];
  operStatus: string;
}

Deno.test("the file tested is the file shipped: its SHA-256 is the one dist/SHA256SUMS gives", async () => {
  const sums = await Deno.readTextFile(`${root}dist/SHA256SUMS`);
  assert.equal(sums, `${await sha256(shipped)}  ${EXE_NAME}\n`);
  assert.equal(await sha256(`${app}/leasectl.exe`), await sha256(shipped));
  assert.deepEqual([...Deno.readDirSync(app)].map((entry) => entry.name), ["leasectl.exe"]);
});

Deno.test("a second build, in another folder, gives the same bytes", async () => {
  const other = await Deno.makeTempDir({ prefix: "leasectl-exe-build-" });
  try {
    const hash = await buildExe(`${other}/dist`, `${other}/build`);
    assert.equal(hash, await sha256(shipped));
  } finally {
    await Deno.remove(other, { recursive: true });
  }
});

// The prefix was made for this run and has never seen Node: no node.exe in it, and nothing extracted.
Deno.test("in a prefix that has never seen Node, --help prints the usage and nothing on stderr", async () => {
  const found = new Deno.Command("find", { args: [prefix, "-iname", "node.exe"] }).outputSync();
  assert.equal(decoder.decode(found.stdout), "");
  const { code, stdout, stderr } = await exe(["--help"]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^Usage: leasectl <command>/);
  assert.equal(stderr, "", "no single-executable warning, no other noise");
});

Deno.test("--version prints deno.json's version", async () => {
  const { code, stdout, stderr } = await exe(["--version"]);
  assert.equal(code, 0, stderr);
  assert.equal(stdout, `leasectl ${version}\n`);
});

Deno.test("list --json reads wine's own Iphlpapi: the namespace's adapters exactly", async () => {
  const { code, stdout, stderr } = await exe(["list", "lctl?", "--json"], { system: true });
  assert.equal(code, 0, stderr);
  const listed: Listed[] = JSON.parse(stdout);
  assert.deepEqual(
    listed.map(({ friendlyName, mac, ipv4, operStatus }) => ({ friendlyName, mac, ipv4, operStatus })),
    [
      { friendlyName: "lctl0", mac: "02-00-5E-10-00-01", ipv4: ["192.0.2.10"], operStatus: "up" },
      { friendlyName: "lctl1", mac: "02-00-5E-10-00-02", ipv4: ["198.51.100.20"], operStatus: "down" },
    ],
  );
});

Deno.test("the runtime and koffi's module are unpacked to <Windows>\\leasectl when elevated, and nothing beside the exe", async () => {
  await exe(["list", "--json"], { system: true });
  assert.equal(await sha256(unpacked(".node")), koffiHash);
  assert.match(unpacked(".exe"), /leasectl-[0-9a-f]{24}\.exe$/);
  assert.deepEqual([...Deno.readDirSync(app)].map((entry) => entry.name), ["leasectl.exe"]);
});

Deno.test("an unpacked koffi.node whose bytes differ is never loaded, but written again", async () => {
  await exe(["--version"]);
  const koffi = unpacked(".node");
  // Another DLL in its place: loading it would fail, since it is no Node addon.
  await Deno.copyFile(doubleDll, koffi);
  const { code, stdout, stderr } = await exe(["list", "Ethernet", "--json"]);
  assert.equal(code, 0, stderr);
  assert.equal(JSON.parse(stdout)[0].friendlyName, "Ethernet");
  assert.equal(await sha256(koffi), koffiHash);
});

Deno.test("list --json decodes the double's adapters exactly", async () => {
  const { code, stdout, stderr } = await exe(["list", "Ethernet", "--json"]);
  assert.equal(code, 0, stderr);
  const [ethernet] = JSON.parse(stdout);
  assert.deepEqual(
    [ethernet.index, ethernet.mac, ethernet.ipv4, ethernet.dnsServers, ethernet.leaseExpires],
    [11, "00-15-5D-AA-BB-01", ["192.0.2.23"], ["192.0.2.53", "2001:db8::53"], "2026-11-21T08:00:00.000Z"],
  );
});

Deno.test("release and renew reach the double with each adapter's exact device name", async () => {
  const state = await Deno.makeTempFile({ dir: work });
  const released = await exe(["release", "--json"], { state });
  assert.equal(released.code, 0, released.stderr);
  assert.deepEqual(released.calls.sort(), [
    "IpReleaseAddress 11 \\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-00000000000B}",
    "IpReleaseAddress 15 \\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-00000000000F}",
  ]);
  const result = JSON.parse(released.stdout);
  assert.deepEqual(
    [result.operation, result.returnValue, result.adapters.map((a: { status: string }) => a.status)],
    ["release", 0, ["done", "skipped", "done"]],
  );
  const renewed = await exe(["renew"], { state });
  assert.equal(renewed.code, 0, renewed.stderr);
  assert.deepEqual(renewed.calls.sort(), [
    "IpRenewAddress 11 \\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-00000000000B}",
    "IpRenewAddress 15 \\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-00000000000F}",
  ]);
  assert.match(renewed.stdout, /^Ethernet: renewed\. IPv4 none -> 192\.0\.2\.23\n/m);
});

Deno.test("release6 and renew6 run ipconfig with the exact name: the DHCPv6 address goes and comes back", async () => {
  const state = await Deno.makeTempFile({ dir: work });
  const released = await exe(["release6", "Ethernet", "--json"], { scenario: "ipv6", state });
  assert.equal(released.code, 0, released.stderr);
  assert.equal(released.calls.length, 1);
  assert.match(released.calls[0], /^ipconfig 0 .*ipconfig_double\.exe"? \/release6 Ethernet$/);
  assert.ok(!JSON.parse(released.stdout).adapters[0].ipv6After.includes("2001:db8:31::23"));
  const renewed = await exe(["renew6", "Ethernet", "--json"], { scenario: "ipv6", state });
  assert.ok(JSON.parse(renewed.stdout).adapters[0].ipv6After.includes("2001:db8:31::23"));
});

Deno.test("cycle releases, flushes and renews, in that order, and --wait sees the late gateway", async () => {
  const cycled = await exe(["cycle", "--json"], { state: await Deno.makeTempFile({ dir: work }) });
  assert.equal(cycled.code, 0, cycled.stderr);
  assert.deepEqual(cycled.calls.map((call) => call.split(" ")[0]), [
    "IpReleaseAddress",
    "IpReleaseAddress",
    "DnsFlushResolverCache",
    "IpRenewAddress",
    "IpRenewAddress",
  ]);
  const waited = await exe(["renew", "Ethernet", "--wait", "10", "--json"], {
    scenario: "late-gateway",
    state: await Deno.makeTempFile({ dir: work }),
  });
  const [outcome] = JSON.parse(waited.stdout).adapters;
  assert.deepEqual([waited.code, outcome.ready], [0, true]);
  assert.ok(outcome.readyAfterMs >= 900, `${outcome.readyAfterMs} ms`);
});

Deno.test("watch prints an adapter going down as it happens, and ends at --timeout with exit 0", async () => {
  const state = await Deno.makeTempFile({ dir: work });
  const [watched] = await Promise.all([
    exe(["watch", "--json", "--timeout", "4"], { state }),
    (async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await Deno.writeTextFile(state, "down 15\n", { append: true });
    })(),
  ]);
  assert.equal(watched.code, 0, watched.stderr);
  const events = watched.stdout.trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
  assert.ok(
    events.some((event) =>
      event.index === 15 && event.event === "interfaceChanged" && event.operStatus === "down"
    ),
    watched.stdout,
  );
  assert.doesNotMatch(watched.stderr, /every 250 ms/, "the exe's watch is event-driven, not polling");
});

Deno.test("a hung renew fails with 1460 at --timeout, and the exe exits without waiting for it", async () => {
  const { code, stdout, ms } = await exe(["renew", "--timeout", "1", "--json"], { scenario: "hang" });
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(stdout).adapters.map((a: { code: number }) => a.code), [1460, 0, 0]);
  assert.ok(ms < 30_000, `took ${Math.round(ms)} ms; the hung call takes 60 s`);
});

Deno.test("an iphlpapi.dll and a koffi.node planted beside the exe are not loaded", async () => {
  const downloads = await emptyFolderWithExe();
  await Deno.copyFile(doubleDll, `${downloads}/iphlpapi.dll`);
  await Deno.copyFile(doubleDll, `${downloads}/koffi.node`);
  // Wine then searches the application's folder first, as Windows does.
  const env = { WINEDLLOVERRIDES: "iphlpapi,dnsapi=n,b;mscoree,mshtml=" };
  const { code, stdout, stderr, calls } = await exe(["list", "--json"], {
    system: true,
    folder: downloads,
    env,
  });
  assert.equal(code, 0, stderr);
  const names = JSON.parse(stdout).map((adapter: Listed) => adapter.friendlyName);
  assert.ok(names.includes("lctl0"), stdout);
  assert.ok(!names.includes("Ethernet"), "the planted double answered");
  const renewed = await exe(["renew", "--json"], { system: true, folder: downloads, env });
  assert.equal(JSON.parse(renewed.stdout).returnValue, 100); // wine's: no adapter has DHCP enabled
  assert.deepEqual([...calls, ...renewed.calls], []);
});

Deno.test("NODE_OPTIONS cannot make the exe run other code", async () => {
  const folder = await Deno.makeTempDir({ dir: work, prefix: "options-" });
  await Deno.writeTextFile(`${folder}/inject.cjs`, `require("fs").writeFileSync(__dirname + "/ran", "");\n`);
  const options = `--require ${await winePath(`${folder}/inject.cjs`)}`;
  const { code, stdout, stderr } = await exe(["--version"], { env: { NODE_OPTIONS: options } });
  assert.equal(code, 0, stderr);
  assert.equal(stdout, `leasectl ${version}\n`);
  assert.equal(await Deno.stat(`${folder}/ran`).then(() => true, () => false), false);
});

Deno.test("LEASECTL_* overrides and Node's variables in the exe's environment change nothing: wine's adapters, no file written", async () => {
  const folder = await Deno.makeTempDir({ dir: work, prefix: "env-" });
  const env = {
    LEASECTL_IPHLPAPI: doubleWindowsPath,
    LEASECTL_DNSAPI: doubleWindowsPath,
    LEASECTL_IPCONFIG: ipconfigWindowsPath,
    LEASECTL_DHCPCSVC: doubleWindowsPath,
    LEASECTL_DHCPCSVC6: doubleWindowsPath,
    NODE_V8_COVERAGE: await winePath(`${folder}/coverage`),
    NODE_REDIRECT_WARNINGS: await winePath(`${folder}/warnings.txt`),
    NODE_OPTIONS: `--require ${await winePath(`${folder}/inject.cjs`)}`,
  };
  await Deno.writeTextFile(`${folder}/inject.cjs`, `require("fs").writeFileSync(__dirname + "/ran", "");\n`);
  const listed = await exe(["list", "--json"], { system: true, env });
  assert.equal(listed.code, 0, listed.stderr);
  const names = JSON.parse(listed.stdout).map((adapter: Listed) => adapter.friendlyName);
  assert.ok(names.includes("lctl0") && !names.includes("Ethernet"), listed.stdout);
  const renewed = await exe(["renew", "--json"], { system: true, env });
  assert.equal(JSON.parse(renewed.stdout).returnValue, 100); // wine's: no adapter has DHCP enabled
  assert.deepEqual([...listed.calls, ...renewed.calls], [], "the double was not loaded");
  assert.deepEqual([...Deno.readDirSync(folder)].map((entry) => entry.name), ["inject.cjs"]);
  // The control: the same variable makes a bare node.exe write its coverage there.
  const control = new Deno.Command("wine", {
    args: [bareNodeExe, "-e", "0"],
    env: { NODE_V8_COVERAGE: env.NODE_V8_COVERAGE },
    stdout: "null",
    stderr: "null",
  });
  assert.equal((await control.output()).code, 0);
  assert.equal((await Deno.stat(`${folder}/coverage`)).isDirectory, true);
});

/**
 * The names in the runtime's import closure that Windows would look for beside it: not KnownDLLs, not API
 * sets; and not those that Wine's own KnownDLLs import (sechost imports ucrtbase under Wine), which Windows
 * takes from its KnownDLLs, and Wine from the application's folder.
 */
function plantableImports(): string[] {
  // Windows 10/11's KnownDLLs (HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\KnownDLLs), and ntdll,
  // kernelbase and kernel32, which every process has loaded before its imports are resolved.
  const known = new Set(
    ("advapi32 clbcatq combase comdlg32 coml2 difxapi gdi32 gdi32full gdiplus imagehlp imm32 kernel32 kernelbase " +
      "msctf msvcrt normaliz nsi ntdll ole32 oleaut32 psapi rpcrt4 sechost setupapi shcore shell32 shlwapi user32 " +
      "wldap32 wow64 wow64win ws2_32").split(" "),
  );
  const builtins = "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows";
  const importsOf = (file: string) => {
    const dump = new Deno.Command("x86_64-w64-mingw32-objdump", { args: ["-p", file] }).outputSync();
    return [...decoder.decode(dump.stdout).matchAll(/DLL Name: (\S+)\.dll/gi)].map((m) => m[1].toLowerCase());
  };
  const closure = (start: string[], stop: (name: string) => boolean) => {
    const found = new Set<string>();
    const pending = [...start];
    while (pending.length) {
      const name = pending.pop()!;
      if (stop(name) || found.has(name) || /^(api|ext)-ms-/.test(name)) continue;
      found.add(name);
      pending.push(...importsOf(`${builtins}/${name}.dll`));
    }
    return found;
  };
  const launcherUnderWine = closure(["kernel32", "advapi32"], () => false);
  return [...closure(importsOf(bareNodeExe!), (name) => known.has(name))]
    .filter((name) => !launcherUnderWine.has(name)).sort();
}

Deno.test("no DLL planted beside the exe under a name the runtime imports is loaded; a bare node.exe there loads them", async () => {
  const names = plantableImports();
  for (const name of ["iphlpapi", "userenv", "winmm", "crypt32", "dbghelp"]) {
    assert.ok(names.includes(name), name);
  }
  const downloads = await emptyFolderWithExe();
  for (const name of names) await Deno.copyFile(markerDll, `${downloads}/${name}.dll`);
  const env = { WINEDLLOVERRIDES: `${names.join(",")}=n,b;mscoree,mshtml=` };
  const markers = () =>
    [...Deno.readDirSync(downloads)].map((e) => e.name.toLowerCase()).filter((n) => n.endsWith(".marker"));
  const state = await Deno.makeTempFile({ dir: work });
  const version = await exe(["--version"], { folder: downloads, env });
  assert.equal(version.code, 0, version.stderr);
  assert.equal((await exe(["list", "--json"], { folder: downloads, env })).code, 0);
  const renewed = await exe(["renew", "--json"], { folder: downloads, env, state });
  assert.equal(renewed.code, 0, renewed.stderr);
  assert.equal(renewed.calls.length, 2, "the double answered");
  assert.equal((await exe(["watch", "--timeout", "1"], { folder: downloads, env, state })).code, 0);
  assert.deepEqual(markers(), []);
  // The control: node.exe in the same folder, with the same overrides, runs the planted DllMains.
  await Deno.copyFile(bareNodeExe!, `${downloads}/node.exe`);
  await new Deno.Command("wine", {
    args: ["./node.exe", "-e", "0"],
    cwd: downloads,
    env,
    stdout: "null",
    stderr: "null",
  })
    .output();
  for (const name of ["iphlpapi", "userenv", "winmm", "crypt32", "dbghelp"]) {
    assert.ok(markers().includes(`${name}.dll.marker`), `${name}: ${markers()}`);
  }
});

Deno.test("while the exe runs, its unpacked files cannot be written, renamed or deleted; once it exits they can", async () => {
  await exe(["--version"]);
  const files = [unpacked(".exe"), unpacked(".node")].map(windowsPath);
  const folder = await Deno.makeTempDir({ dir: work, prefix: "swap-" });
  // A Windows process tries every way to change the files: Wine enforces sharing between Windows processes.
  await Deno.writeTextFile(
    `${folder}/swap.cjs`,
    `const fs = require("fs");
const out = [];
for (const file of ${JSON.stringify(files)}) {
  for (const [how, act] of [["write", () => fs.closeSync(fs.openSync(file, "r+"))],
    ["rename", () => fs.renameSync(file, file + ".moved")], ["delete", () => fs.unlinkSync(file)]]) {
    try { act(); out.push(how + " done"); } catch (error) { out.push(how + " " + error.code); }
  }
}
fs.writeFileSync(__dirname + "/result.txt", out.join("\\n"));
`,
  );
  const trySwap = async () => {
    await new Deno.Command("wine", {
      args: [bareNodeExe!, `${folder}/swap.cjs`],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return (await Deno.readTextFile(`${folder}/result.txt`)).split("\n");
  };
  const [watched, during] = await Promise.all([
    exe(["watch", "--timeout", "6"], { system: true }),
    (async () => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      return await trySwap();
    })(),
  ]);
  assert.equal(watched.code, 0, watched.stderr);
  assert.ok(during.every((line) => !line.endsWith("done")), during.join("; "));
  // The control: with the exe gone, the same attempts succeed; the next run puts the files back.
  assert.ok((await trySwap()).includes("write done"));
  const again = await exe(["--version"]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(await sha256(unpacked(".node")), koffiHash);
});

Deno.test("--log through a symbolic link, or through a linked folder, is refused with exit 2; a plain path works", async () => {
  const folder = await Deno.makeTempDir({ dir: work, prefix: "logs-" });
  await Deno.mkdir(`${folder}/logs`);
  await Deno.writeTextFile(`${folder}/victim.txt`, "kept\n");
  await Deno.symlink(`${folder}/victim.txt`, `${folder}/logs/link.log`);
  await Deno.symlink(`${folder}/logs`, `${folder}/linked`);
  for (const log of [`${folder}/logs/link.log`, `${folder}/linked/new.log`]) {
    const run = await exe(["release", "--log", windowsPath(log)], {
      state: await Deno.makeTempFile({ dir: work }),
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^leasectl: leasectl does not write its log through a link: .* leads to /);
    assert.deepEqual(run.calls, [], "nothing was released");
  }
  assert.equal(await Deno.readTextFile(`${folder}/victim.txt`), "kept\n");
  assert.equal(await Deno.stat(`${folder}/logs/new.log`).then(() => true, () => false), false);
  const plain = await exe(["release", "--log", windowsPath(`${folder}/logs/plain.log`)], {
    state: await Deno.makeTempFile({ dir: work }),
  });
  assert.equal(plain.code, 0, plain.stderr);
  const lines = (await Deno.readTextFile(`${folder}/logs/plain.log`)).trimEnd().split("\n");
  assert.equal(JSON.parse(lines.at(-1)!).operation, "release");
});

Deno.test("options reads the dhcpcsvc double's answer, the struct passed by value, and a hung call ends at --timeout", async () => {
  const read = await exe(["options", "Ethernet", "--json"]);
  assert.equal(read.code, 0, read.stderr);
  const [ethernet] = JSON.parse(read.stdout);
  assert.deepEqual(
    ethernet.options.filter((option: { code: number }) => [3, 121].includes(option.code))
      .map((option: { value: unknown }) => option.value),
    [["192.0.2.1"], [{ destination: "10.0.0.0/8", router: "192.0.2.254" }, {
      destination: "0.0.0.0/0",
      router: "192.0.2.1",
    }]],
  );
  assert.ok(read.calls.some((call) => call.startsWith("DhcpRequestParams 256")), read.calls.join("\n"));
  const hung = await exe(["options", "--timeout", "1", "--json"], { scenario: "standard,options-hang" });
  assert.equal(hung.code, 1);
  assert.ok(hung.ms < 15_000, `took ${Math.round(hung.ms)} ms; the hung call takes 60 s`);
  assert.deepEqual(JSON.parse(hung.stdout).map((a: { code: number }) => a.code), [1460, 0, 0]);
});
