// release6 / renew6 end to end on the Windows ABI: ipconfig.exe by absolute path (the double through
// LEASECTL_IPCONFIG, or wine's own), one process per adapter with its exact name.
import assert from "node:assert/strict";
import { IPCONFIG_DOUBLE } from "../../harness/paths.ts";
import { leasectl, newState, type RunOptions } from "./helpers.ts";

const allowed = (options: RunOptions = {}): RunOptions => ({
  permissions: ["--allow-ffi", "--allow-env", `--allow-run=${IPCONFIG_DOUBLE}`],
  ...options,
});
const ipconfigLines = (calls: { api: string; name: string }[]) =>
  calls.filter((call) => call.api === "ipconfig").map((call) => call.name).sort();

Deno.test("release6 then renew6: ipconfig runs with the exact name, and the DHCPv6 address goes and comes back", async () => {
  const state = await newState();
  const released = await leasectl(["release6", "Ethernet", "--json"], allowed({ scenario: "ipv6", state }));
  assert.equal(released.code, 0, released.stderr);
  assert.deepEqual(ipconfigLines(released.calls).length, 1);
  assert.match(ipconfigLines(released.calls)[0], /ipconfig_double\.exe"? \/release6 Ethernet$/);
  const [outcome] = JSON.parse(released.stdout).adapters;
  assert.deepEqual([outcome.status, outcome.code], ["done", 0]);
  assert.ok(outcome.ipv6Before.includes("2001:db8:31::23"));
  assert.ok(!outcome.ipv6After.includes("2001:db8:31::23"), outcome.ipv6After.join(", "));
  const renewed = await leasectl(["renew6", "Ethernet", "--json"], allowed({ scenario: "ipv6", state }));
  assert.ok(JSON.parse(renewed.stdout).adapters[0].ipv6After.includes("2001:db8:31::23"));
});

Deno.test("names with spaces and non-ASCII reach ipconfig whole; a name with * that matches another is refused", async () => {
  const { code, stdout, calls } = await leasectl(
    ["release6", "--json"],
    allowed({ scenario: "unicode", state: await newState() }),
  );
  assert.equal(code, 1);
  const lines = ipconfigLines(calls);
  assert.equal(lines.length, 3, lines.join("\n"));
  assert.ok(lines.some((line) => line.endsWith(' /release6 "Ethernet Ünïcødé 🚀"')), lines.join("\n"));
  assert.ok(lines.some((line) => line.endsWith(' /release6 "RÉSEAU SANS FIL"')), lines.join("\n"));
  assert.ok(lines.some((line) => line.endsWith(" /release6 LabXNet")), lines.join("\n"));
  const result = JSON.parse(stdout);
  const lab = result.adapters.find((a: { friendlyName: string }) => a.friendlyName === "Lab*Net");
  assert.deepEqual([lab.status, lab.code], ["failed", 87]);
  assert.match(lab.reason, /would also match LabXNet/);
  assert.equal(result.returnValue, 98);
});

Deno.test("ipconfig's failure is 1627 with its own message; one still running at --timeout is killed with 1460", async () => {
  const failed = await leasectl(
    ["renew6", "Ethernet", "--json"],
    allowed({ scenario: "ipv6,ipconfig-fail" }),
  );
  const [outcome] = JSON.parse(failed.stdout).adapters;
  assert.deepEqual([failed.code, outcome.code], [1, 1627]);
  assert.equal(
    outcome.reason,
    "An error occurred while renewing interface Ethernet : The system cannot find the file specified.",
  );
  const hung = await leasectl(
    ["renew6", "Ethernet", "--timeout", "1", "--json"],
    allowed({ scenario: "ipv6,ipconfig-hang" }),
  );
  assert.ok(hung.ms < 15_000, `took ${Math.round(hung.ms)} ms; the hung ipconfig takes 60 s`);
  assert.equal(JSON.parse(hung.stdout).adapters[0].code, 1460);
});

Deno.test("without --allow-run, release6 exits 3 naming the exact flag, and runs nothing", async () => {
  const { code, stderr, calls } = await leasectl(["release6"], { scenario: "ipv6", doubleUnused: true });
  assert.equal(code, 3);
  assert.ok(stderr.includes(`--allow-run=${IPCONFIG_DOUBLE}`), stderr);
  assert.deepEqual(calls, []);
});

Deno.test("against wine's own ipconfig.exe, found in the system folder, each adapter fails with its message", async () => {
  const system32 = "C:\\windows\\system32\\ipconfig.exe";
  const { code, stdout, stderr } = await leasectl(["release6", "Ethernet", "--json"], {
    scenario: "ipv6",
    env: { LEASECTL_IPCONFIG: "" },
    permissions: ["--allow-ffi", "--allow-env", `--allow-run=${system32}`],
  });
  assert.equal(code, 1, stderr);
  const [outcome] = JSON.parse(stdout).adapters;
  // wine's ipconfig knows /all only.
  assert.deepEqual([outcome.status, outcome.code], ["failed", 1627]);
  assert.match(outcome.reason, /^Error: Unknown or invalid command line parameters specified/);
});

Deno.test("--allow-run as README writes it grants the system folder's ipconfig.exe, whatever case Windows gives", async () => {
  // Wine's GetSystemDirectoryW says C:\windows\system32; Windows' often C:\WINDOWS\system32.
  for (const flag of ["C:\\Windows\\System32\\ipconfig.exe", "C:\\WINDOWS\\SYSTEM32\\IPCONFIG.EXE"]) {
    const { code, stdout, stderr } = await leasectl(["renew6", "Ethernet", "--json"], {
      scenario: "ipv6",
      env: { LEASECTL_IPCONFIG: "" },
      permissions: ["--allow-ffi", "--allow-env", `--allow-run=${flag}`],
    });
    // Past the permission check: wine's own ipconfig ran, and knows only /all.
    assert.equal(code, 1, `${flag}: ${stderr}`);
    assert.match(JSON.parse(stdout).adapters[0].reason, /^Error: Unknown or invalid command line parameters/);
  }
  // Without it, the advice names the path leasectl runs, which the flag then grants as written.
  const refused = await leasectl(["renew6", "Ethernet"], {
    scenario: "ipv6",
    env: { LEASECTL_IPCONFIG: "" },
    doubleUnused: true, // refused before any call
  });
  assert.equal(refused.code, 3);
  assert.ok(refused.stderr.includes("--allow-run=C:\\windows\\system32\\ipconfig.exe"), refused.stderr);
});
