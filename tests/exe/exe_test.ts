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
if (!work || !doubleDll || !ipconfigDouble) {
  throw new Error("Run these tests through tests/exe/run.sh, which prepares Wine for them.");
}
const prefix = Deno.env.get("WINEPREFIX")!;
const shipped = `${root}dist/${EXE_NAME}`;
const version = JSON.parse(await Deno.readTextFile(`${root}deno.json`)).version;
const koffiWin = `${root}.cache/exe/@koromix+koffi-win32-x64@${
  JSON.parse(await Deno.readTextFile(`${root}package.json`)).devDependencies.koffi
}/win32_x64/koffi.node`;
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
  const env: Record<string, string> = {
    LEASECTL_DOUBLE_SCENARIO: options.scenario ?? "standard",
    LEASECTL_DOUBLE_LOG: await winePath(log),
    LEASECTL_DOUBLE_STATE: options.state ? await winePath(options.state) : "",
    LEASECTL_IPHLPAPI: options.system ? "" : doubleWindowsPath,
    LEASECTL_DNSAPI: options.system ? "" : doubleWindowsPath,
    LEASECTL_IPCONFIG: ipconfigWindowsPath,
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

const localAppData = `${prefix}/drive_c/users/${Deno.env.get("USER") ?? "root"}/AppData/Local`;
const koffiHash = await sha256(koffiWin);
const extracted = `${localAppData}/leasectl/${koffiHash}/koffi.node`;

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

Deno.test("koffi's native module is written once to %LOCALAPPDATA%\\leasectl\\<sha256>, and nowhere beside the exe", async () => {
  await exe(["list", "--json"], { system: true });
  assert.equal(await sha256(extracted), koffiHash);
  assert.deepEqual([...Deno.readDirSync(`${localAppData}/leasectl/${koffiHash}`)].map((e) => e.name), [
    "koffi.node",
  ]);
  assert.deepEqual([...Deno.readDirSync(app)].map((entry) => entry.name), ["leasectl.exe"]);
});

Deno.test("a koffi.node in %LOCALAPPDATA% whose bytes differ is never loaded, but written again", async () => {
  await exe(["--version"]); // --help and --version load nothing
  // Another DLL in its place: loading it would fail, since it is no Node addon.
  await Deno.copyFile(doubleDll, extracted);
  const { code, stdout, stderr } = await exe(["list", "Ethernet", "--json"]);
  assert.equal(code, 0, stderr);
  assert.equal(JSON.parse(stdout)[0].friendlyName, "Ethernet");
  assert.equal(await sha256(extracted), koffiHash);
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

Deno.test("with LOCALAPPDATA not an absolute path, the exe exits 3 saying what to set, and writes nothing", async () => {
  const { code, stdout, stderr } = await exe(["list"], { cmdSet: { LOCALAPPDATA: "leasectl-relative" } });
  assert.equal(code, 3);
  assert.equal(stdout, "");
  assert.match(stderr, /^leasectl: Could not load koffi .*LOCALAPPDATA is not an absolute path/);
  assert.doesNotMatch(stderr, /\n\s+at /);
  assert.deepEqual([...Deno.readDirSync(app)].map((entry) => entry.name), ["leasectl.exe"]);
});
