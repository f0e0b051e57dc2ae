// Smoke tests of the npm package that npm-build.ts wrote into npm/: packed,
// installed into a fresh project as a user would, then run in Node on Linux
// and in Windows Node under Wine, against wine's Iphlpapi and the test double.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { windowsPath } from "../../harness/paths.ts";
import { waitFor } from "../../harness/wait_for.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const decoder = new TextDecoder();

async function sh(script: string, cwd: string, env: Record<string, string> = {}) {
  const output = await new Deno.Command("bash", { args: ["-c", script], cwd, env }).output();
  return { code: output.code, stdout: decoder.decode(output.stdout), stderr: decoder.decode(output.stderr) };
}

// Pack and install once, as `npm i leasectl` would, into a project of its own. It holds copies of
// node.exe (84 MB each): it goes when the suite's process ends, pass or fail (tests/npm/run.sh also
// removes the folder it runs in).
const project = await Deno.makeTempDir({ prefix: "leasectl-npm-" });
globalThis.addEventListener("unload", () => Deno.removeSync(project, { recursive: true }));
const packed = await sh(`npm pack --silent --pack-destination "${project}"`, `${root}npm`);
assert.equal(packed.code, 0, packed.stderr);
const tarball = `${project}/${packed.stdout.trim().split("\n").pop()}`;
await Deno.writeTextFile(
  `${project}/package.json`,
  JSON.stringify({ name: "smoke", private: true, type: "module" }),
);
const installed = await sh(`npm install --silent --no-audit --no-fund "${tarball}"`, project);
assert.equal(installed.code, 0, installed.stderr);

const version = JSON.parse(await Deno.readTextFile(`${root}deno.json`)).version;

Deno.test("the packed package.json names the CLI, the types, koffi and Node 20", async () => {
  const manifest = JSON.parse(await Deno.readTextFile(`${project}/node_modules/leasectl/package.json`));
  assert.deepEqual(
    [manifest.name, manifest.version, manifest.type, manifest.bin, manifest.engines, manifest.license],
    ["leasectl", version, "module", { leasectl: "bin/leasectl.js" }, { node: ">=20" }, "MIT"],
  );
  assert.deepEqual(Object.keys(manifest.dependencies), ["koffi"]);
  assert.equal(manifest.exports["."].types, "./esm/mod.d.ts");
  for (const file of ["esm/mod.js", "esm/mod.d.ts", "esm/mod.js.map", "esm/cli.js", "README.md", "LICENSE"]) {
    await Deno.stat(`${project}/node_modules/leasectl/${file}`);
  }
});

Deno.test("Node on Linux: the import works and loads no native code until a call needs it", async () => {
  await Deno.writeTextFile(
    `${project}/import.mjs`,
    `import * as leasectl from "leasectl";
    // koffi's native addon would be among the process's shared objects once loaded.
    const koffi = process.report.getReport().sharedObjects.some((path) => path.includes("koffi"));
    console.log(JSON.stringify({ renew: typeof leasectl.renew, NotAllLeases: leasectl.ReturnValue.NotAllLeases, koffi }));`,
  );
  const { code, stdout, stderr } = await sh("node import.mjs", project);
  assert.equal(code, 0, stderr);
  assert.deepEqual(JSON.parse(stdout), { renew: "function", NotAllLeases: 98, koffi: false });
  // A call on Linux stops at the platform check, before koffi is loaded.
  await Deno.writeTextFile(
    `${project}/call.mjs`,
    `import { listAdapters, UnsupportedPlatformError } from "leasectl";
    const error = await listAdapters().catch((caught) => caught);
    const koffi = process.report.getReport().sharedObjects.some((path) => path.includes("koffi"));
    console.log(JSON.stringify({ unsupported: error instanceof UnsupportedPlatformError, os: error.os, koffi }));`,
  );
  const call = await sh("node call.mjs", project);
  assert.deepEqual(JSON.parse(call.stdout), { unsupported: true, os: "linux", koffi: false });
});

Deno.test("Node on Linux: npx leasectl --help exits 0, and list exits 3 naming Windows", async () => {
  const help = await sh("npx --no-install leasectl --help", project);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^Usage: leasectl <command>/);
  assert.equal((await sh("npx --no-install leasectl --version", project)).stdout, `leasectl ${version}\n`);
  const list = await sh("npx --no-install leasectl list", project);
  assert.equal(list.code, 3);
  assert.match(list.stderr, /through Windows' Iphlpapi\.dll, and this is linux\. Run it on Windows/);
  assert.doesNotMatch(list.stderr, /\n\s+at /);
});

// Windows Node under Wine. Its stdout cannot be a pipe there, so each run writes to files.
const rig = `source "${root}tests/windows/env.sh"`;
const koffiWin = (await sh(`${rig}; echo "$koffi_win"`, root)).stdout.trim();
await sh(
  `mkdir -p node_modules/@koromix && cp -r "${koffiWin}" node_modules/@koromix/koffi-win32-x64`,
  project,
);
await sh(`${rig}; start_wine 60`, root);

interface WindowsRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  calls: string[];
}

async function windowsNode(
  args: string[],
  env: {
    scenario?: string;
    state?: string;
    system?: boolean;
    nodeFlags?: string;
    /** Another node.exe to run, quoted for the shell. */
    node?: string;
    /** Windows' DLL search order, application folder first, for a planted DLL to be found. */
    searchOrder?: boolean;
    /** Wine's own dhcpcsvc6.dll, whose DHCPv6 functions end the process when called. */
    systemDhcpv6?: boolean;
    /** Not meant to reach the double (a permission error first); otherwise the double must answer. */
    doubleUnused?: boolean;
  } = {},
) {
  const log = `${project}/calls.log`, answered = `${project}/answered.log`;
  await Deno.writeTextFile(log, "");
  await Deno.writeTextFile(answered, "");
  const started = performance.now();
  const quoted = args.map((arg) => `'${arg}'`).join(" ");
  const { code } = await sh(
    `${rig}
    export LEASECTL_DOUBLE_SCENARIO='${env.scenario ?? "standard"}' LEASECTL_DOUBLE_LOG='${windowsPath(log)}'
    export LEASECTL_DOUBLE_ANSWERED='${windowsPath(answered)}'
    ${env.state ? `export LEASECTL_DOUBLE_STATE='${windowsPath(env.state)}'` : ""}
    ${
      env.system
        ? ""
        : `export LEASECTL_IPHLPAPI="$(windows_path "$double_dll")" LEASECTL_DNSAPI="$(windows_path "$double_dll")"
           export LEASECTL_DHCPCSVC="$(windows_path "$dhcpcsvc_double_dll")"
           ${env.systemDhcpv6 ? "" : 'export LEASECTL_DHCPCSVC6="$LEASECTL_DHCPCSVC"'}`
    }
    export LEASECTL_IPCONFIG="$(windows_path "$ipconfig_double_exe")"
    ${env.searchOrder ? `export WINEDLLOVERRIDES="iphlpapi,dnsapi=n,b;$WINEDLLOVERRIDES"` : ""}
    wine ${env.node ?? '"$node_exe"'} ${
      env.nodeFlags ?? ""
    } node_modules/leasectl/bin/leasectl.js ${quoted} > out.txt 2> err.txt`,
    project,
  );
  const ms = performance.now() - started;
  const read = (file: string) =>
    Deno.readTextFile(`${project}/${file}`).then((text) => text.replaceAll("\r\n", "\n"));
  const calls = (await read("calls.log")).split("\n").filter(Boolean).map((line) =>
    line.split("\t").slice(0, 3).join(" ")
  );
  if (!env.system && !env.doubleUnused && (await read("answered.log")) === "") {
    throw new Error(
      `the Iphlpapi double never answered leasectl ${args.join(" ")}: ${await read("err.txt")}`,
    );
  }
  return {
    code,
    stdout: await read("out.txt"),
    stderr: await read("err.txt"),
    ms,
    calls,
  } satisfies WindowsRun;
}

Deno.test("Windows Node: list reads wine's own Iphlpapi through koffi", async () => {
  const { code, stdout, stderr } = await windowsNode(["list", "--json"], { system: true });
  assert.equal(code, 0, stderr);
  const adapters = JSON.parse(stdout);
  assert.ok(adapters.some((adapter: { loopback: boolean }) => adapter.loopback), stdout);
});

Deno.test("Windows Node: list decodes the double's adapters exactly", async () => {
  const { code, stdout, stderr } = await windowsNode(["list", "Ethernet", "--json"]);
  assert.equal(code, 0, stderr);
  const [ethernet] = JSON.parse(stdout);
  assert.deepEqual(
    [ethernet.index, ethernet.mac, ethernet.ipv4, ethernet.dnsServers, ethernet.leaseExpires],
    [11, "00-15-5D-AA-BB-01", ["192.0.2.23"], ["192.0.2.53", "2001:db8::53"], "2026-11-21T08:00:00.000Z"],
  );
});

Deno.test("Windows Node: release and renew reach the double by device name, addresses before and after", async () => {
  const state = await Deno.makeTempFile({ dir: project });
  const released = await windowsNode(["release", "--json"], { state });
  assert.equal(released.code, 0, released.stderr);
  assert.deepEqual(released.calls.sort(), [
    "IpReleaseAddress 11 \\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-00000000000B}",
    "IpReleaseAddress 15 \\DEVICE\\TCPIP_{1EA5EC71-0000-4000-8000-00000000000F}",
  ]);
  const renewed = await windowsNode(["renew", "Ethernet"], { state });
  assert.equal(renewed.code, 0, renewed.stderr);
  assert.match(renewed.stdout, /^Ethernet: renewed\. IPv4 none -> 192\.0\.2\.23\n/);
});

Deno.test("Windows Node: a hung renew fails with 1460 at --timeout and the process exits", async () => {
  const { code, stdout, ms } = await windowsNode(["renew", "--timeout", "1", "--json"], { scenario: "hang" });
  assert.equal(code, 1);
  assert.ok(ms < 15_000, `took ${Math.round(ms)} ms; the hung call takes 60 s`);
  assert.deepEqual(JSON.parse(stdout).adapters.map((a: { code: number }) => a.code), [1460, 0, 0]);
});

Deno.test("Windows Node: under the permission model, which forbids addons, exits 3 with Node's advice", async () => {
  const { code, stderr } = await windowsNode(["list"], {
    nodeFlags: "--experimental-permission --allow-fs-read='*'",
    doubleUnused: true,
  });
  assert.equal(code, 3);
  assert.match(
    stderr,
    /^leasectl: leasectl calls Iphlpapi\.dll through FFI and was not given permission to\. Run node with --allow-addons/,
  );
});

Deno.test("Windows Node: access denied gives the system's text and the advice to elevate", async () => {
  const { code, stdout, stderr } = await windowsNode(["renew"], { scenario: "denied" });
  assert.equal(code, 1);
  assert.match(stdout, /failed \(ERROR_ACCESS_DENIED, 5\)\. Access (is )?denied\./);
  assert.match(stderr, /elevated prompt/);
});

Deno.test("Windows Node: release6 and renew6 run ipconfig with the exact name; the DHCPv6 address goes and comes", async () => {
  const state = await Deno.makeTempFile({ dir: project });
  const released = await windowsNode(["release6", "Ethernet", "--json"], { scenario: "ipv6", state });
  assert.equal(released.code, 0, released.stderr);
  assert.equal(released.calls.length, 1);
  assert.match(released.calls[0], /^ipconfig 0 .*ipconfig_double\.exe"? \/release6 Ethernet$/);
  assert.ok(!JSON.parse(released.stdout).adapters[0].ipv6After.includes("2001:db8:31::23"));
  const renewed = await windowsNode(["renew6", "Ethernet", "--json"], { scenario: "ipv6", state });
  assert.ok(JSON.parse(renewed.stdout).adapters[0].ipv6After.includes("2001:db8:31::23"));
});

Deno.test("Windows Node: under --permission without --allow-child-process, release6 exits 3 and runs nothing", async () => {
  const { code, stderr, calls } = await windowsNode(["release6"], {
    scenario: "ipv6",
    nodeFlags: "--experimental-permission --allow-fs-read='*' --allow-addons",
    doubleUnused: true,
  });
  assert.equal(code, 3, stderr);
  assert.match(stderr, /Run node with --allow-child-process as well\./);
  assert.deepEqual(calls, []);
});

Deno.test("Windows Node: cycle releases, flushes and renews, in that order", async () => {
  const state = await Deno.makeTempFile({ dir: project });
  const { code, calls } = await windowsNode(["cycle", "--json"], { state });
  assert.equal(code, 0);
  assert.deepEqual(calls.map((call) => call.split(" ")[0]), [
    "IpReleaseAddress",
    "IpReleaseAddress",
    "DnsFlushResolverCache",
    "IpRenewAddress",
    "IpRenewAddress",
  ]);
});

Deno.test("Windows Node: --wait reports ready only once the late gateway has come", async () => {
  const state = await Deno.makeTempFile({ dir: project });
  const { code, stdout } = await windowsNode(["renew", "Ethernet", "--wait", "10", "--json"], {
    scenario: "late-gateway",
    state,
  });
  assert.equal(code, 0);
  const [outcome] = JSON.parse(stdout).adapters;
  assert.equal(outcome.ready, true);
  assert.ok(outcome.readyAfterMs >= 900, `${outcome.readyAfterMs} ms`);
});

Deno.test("Windows Node: a planted iphlpapi.dll beside node.exe is never loaded", async () => {
  const folder = await Deno.makeTempDir({ dir: project });
  await sh(`${rig}; cp "$node_exe" '${folder}/node.exe' && cp "$double_dll" '${folder}/iphlpapi.dll'`, root);
  const { code, stdout, stderr, calls } = await windowsNode(["list", "--json"], {
    system: true,
    node: `'${folder}/node.exe'`,
    searchOrder: true,
  });
  assert.equal(code, 0, stderr);
  const names = JSON.parse(stdout).map((adapter: { friendlyName: string }) => adapter.friendlyName);
  assert.ok(!names.includes("Ethernet"), `the planted double was loaded: ${names}`);
  assert.deepEqual(calls, []);
});

/** Waits until `ready` holds for the text of `path`, for at most 15 s. */
const waitForFile = (path: string, ready: (text: string) => boolean) => waitFor(path, ready, { ms: 15_000 });

/** Windows Node running `script` with `args` in the background (exec'd, so that a Linux signal reaches it). */
function windowsNodeInBackground(
  script: string,
  args: string[],
  files: { out: string; err: string; log: string; state: string },
) {
  const quoted = args.map((arg) => `'${arg}'`).join(" ");
  return new Deno.Command("bash", {
    args: [
      "-c",
      `${rig}
      export LEASECTL_DOUBLE_SCENARIO=standard LEASECTL_DOUBLE_LOG='${windowsPath(files.log)}'
      export LEASECTL_DOUBLE_STATE='${
        windowsPath(files.state)
      }' LEASECTL_IPHLPAPI="$(windows_path "$double_dll")"
      exec wine "$node_exe" ${script} ${quoted} > '${files.out}' 2> '${files.err}'`,
    ],
    cwd: project,
  }).spawn();
}

const registeredBoth = (log: string) =>
  log.includes("NotifyUnicastIpAddressChange\t0\tregistered") &&
  log.includes("NotifyIpInterfaceChange\t0\tregistered") &&
  log.includes("NotifyRouteChange2\t0\tregistered");

Deno.test("Windows Node: watch --json reports another process's release as it happens, and Ctrl-C ends it with 0", async () => {
  const dir = await Deno.makeTempDir({ dir: project });
  const files = { out: `${dir}/out`, err: `${dir}/err`, log: `${dir}/log`, state: `${dir}/state` };
  await Deno.writeTextFile(files.state, "");
  const watching = windowsNodeInBackground(
    "node_modules/leasectl/bin/leasectl.js",
    ["watch", "--json"],
    files,
  );
  await waitForFile(files.log, registeredBoth);
  assert.equal((await windowsNode(["release", "Ethernet"], { state: files.state })).code, 0);
  const output = await waitForFile(files.out, (text) => text.split("\n").filter(Boolean).length >= 2);
  const events = output.split("\n").filter(Boolean).map((line) => JSON.parse(line));
  assert.deepEqual(events.map((e) => [e.friendlyName, e.event, e.address?.address ?? e.operStatus]), [
    ["Ethernet", "addressRemoved", "192.0.2.23"],
    ["Ethernet", "interfaceChanged", "up"],
  ]);
  // Wine turns a Linux SIGINT into the Ctrl-C event a Windows console would send.
  watching.kill("SIGINT");
  const { code } = await watching.status;
  assert.equal(code, 0, await Deno.readTextFile(files.err));
  const log = await Deno.readTextFile(files.log);
  assert.equal(
    log.split("\n").filter((line) => line.startsWith("CancelMibChangeNotify2\t0\tcancelled")).length,
    3, // address, interface and route changes, through koffi
  );
  assert.doesNotMatch(log, /FROM_CALLBACK/);
});

Deno.test("Windows Node: the library's watch() ends on its signal, and Node then exits by itself without koffi aborting", async () => {
  const dir = await Deno.makeTempDir({ dir: project });
  const files = { out: `${dir}/out`, err: `${dir}/err`, log: `${dir}/log`, state: `${dir}/state` };
  await Deno.writeTextFile(files.state, "");
  await Deno.writeTextFile(
    `${project}/watch.mjs`,
    `import { release, watch } from "leasectl";
    const controller = new AbortController();
    const events = [];
    const iteration = (async () => {
      for await (const event of watch("Ethernet", { signal: controller.signal })) {
        events.push(event.event);
        if (events.length === 2) controller.abort();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await release("Ethernet");
    await iteration;
    console.log(JSON.stringify(events));`,
  );
  const started = performance.now();
  const { code } = await windowsNodeInBackground("watch.mjs", [], files).status;
  assert.equal(code, 0, await Deno.readTextFile(files.err));
  assert.deepEqual(JSON.parse(await Deno.readTextFile(files.out)), ["addressRemoved", "interfaceChanged"]);
  assert.ok(performance.now() - started < 15_000);
  assert.equal(
    (await Deno.readTextFile(files.log)).split("\n").filter((line) =>
      line.startsWith("CancelMibChangeNotify2")
    ).length,
    3, // address, interface and route changes, through koffi
  );
});

Deno.test("Windows Node: options passes DHCPCAPI_PARAMS_ARRAY by value through koffi and reads the double's answer", async () => {
  const { code, stdout, stderr, calls } = await windowsNode(["options", "Ethernet", "--json"]);
  assert.equal(code, 0, stderr);
  const [ethernet] = JSON.parse(stdout);
  const value = (family: number, code: number) =>
    ethernet.options.find((option: { family: number; code: number }) =>
      option.family === family && option.code === code
    )?.value;
  assert.deepEqual(value(4, 3), ["192.0.2.1"]);
  assert.deepEqual(value(4, 119), ["corp.example", "eng.corp.example"]);
  assert.deepEqual(value(6, 23), ["2001:db8::53"]);
  assert.deepEqual(
    calls.filter((call) => call.startsWith("DhcpRequestParams")).map((call) => call.split(" ")[1]),
    [
      "256",
      "349",
    ],
  );
});

Deno.test("Windows Node: a hung DhcpRequestParams fails with 1460 at --timeout and the process exits", async () => {
  const { code, stdout, ms, calls } = await windowsNode(["options", "--timeout", "1", "--json"], {
    scenario: "standard,options-hang",
  });
  assert.equal(code, 1);
  assert.ok(ms < 15_000, `took ${Math.round(ms)} ms; the hung call takes 60 s`);
  assert.deepEqual(JSON.parse(stdout).map((a: { code: number }) => a.code), [1460, 0, 0]);
  assert.ok(calls.some((call) => call.startsWith("DhcpRequestParams")));
});

Deno.test("Windows Node: with wine's own dhcpcsvc6, whose functions abort, options leaves DHCPv6 out and exits 0", async () => {
  const { code, stdout, stderr, calls } = await windowsNode(["options", "Ethernet", "--json"], {
    systemDhcpv6: true,
  });
  assert.equal(code, 0, stderr);
  const [ethernet] = JSON.parse(stdout);
  assert.equal(ethernet.status, "done");
  assert.equal(ethernet.options.some((option: { family: number }) => option.family === 6), false);
  assert.ok(calls.some((call) => call.startsWith("DhcpRequestParams")), "the double answered");
});
