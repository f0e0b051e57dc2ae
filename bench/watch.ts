/**
 * `leasectl watch` on deno.exe under Wine, against the Iphlpapi double:
 *
 * 1. latency: the time from the double firing a change notification (its log's
 *    ms since 1970) to leasectl reporting the change (the event's `time`), over
 *    20 releases and renews written to the double's state file by this process;
 * 2. CPU: the user + system time of an idle 10-second `watch` (the wine process's
 *    utime + stime in /proc, read after start-up and just before the end), as a
 *    share of one core, and what wineserver spent meanwhile.
 *
 *     deno run --allow-all bench/watch.ts DENO_EXE DOUBLE_DLL   (bench/run.sh runs it)
 *
 * The double's own notifier thread runs inside the watch process and reads the
 * adapters every 10 ms while its state file is changing, and checks the file
 * every 10 ms otherwise; its cost is in the CPU figure, so the figure is an upper
 * bound for leasectl on Windows, where the system notifies.
 */

import { windowsPath } from "../harness/paths.ts";
import { readText as read, waitFor as waitForFile } from "../harness/wait_for.ts";

const [denoExe, doubleDll] = Deno.args;
if (!denoExe || !doubleDll) throw new Error("usage: watch.ts DENO_EXE DOUBLE_DLL");
const root = new URL("..", import.meta.url).pathname;
const CHANGES = 20;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = (path: string, ready: (text: string) => boolean) =>
  waitForFile(path, ready, { ms: 20_000, every: 5 });
const lines = (text: string) => text.split("\n").filter(Boolean);

const dirs: string[] = [];
globalThis.addEventListener("unload", () => dirs.forEach((dir) => Deno.removeSync(dir, { recursive: true })));

async function startWatch(args: string[]) {
  const dir = await Deno.makeTempDir({ prefix: "leasectl-bench-watch-" });
  dirs.push(dir); // removed when the benchmark ends
  const files = { state: `${dir}/state`, log: `${dir}/log`, out: `${dir}/out` };
  await Deno.writeTextFile(files.state, "");
  const env = {
    LEASECTL_IPHLPAPI: windowsPath(doubleDll),
    LEASECTL_DOUBLE_STATE: windowsPath(files.state),
    LEASECTL_DOUBLE_LOG: windowsPath(files.log),
    LEASECTL_DOUBLE_SCENARIO: "standard",
  };
  // Exec'd by bash with stdout into a file, so that the wine process itself is the child.
  const quoted = [denoExe, "run", "--allow-ffi", "--allow-env", `${root}cli.ts`, "watch", ...args]
    .map((arg) => `'${arg}'`).join(" ");
  const child = new Deno.Command("bash", {
    args: ["-c", `exec wine ${quoted} > '${files.out}' 2>/dev/null`],
    env,
  }).spawn();
  await waitFor(
    files.log,
    (log) =>
      log.includes("NotifyUnicastIpAddressChange\t0\tregistered") && log.includes("NotifyIpInterfaceChange"),
  );
  return { child, files };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

// 1. Latency.
{
  const { child, files } = await startWatch(["Ethernet", "--json"]);
  await sleep(300);
  for (let n = 0; n < CHANGES; n++) {
    await Deno.writeTextFile(files.state, n % 2 === 0 ? "released 11\n" : "");
    await waitFor(files.out, (text) => lines(text).filter((line) => line.includes('"address"')).length > n);
    await sleep(100);
  }
  child.kill("SIGINT");
  await child.status;
  const fired = lines(await read(files.log))
    .filter((line) => /^notify\t11\taddress-(add|delete)\t/.test(line))
    .map((line) => Number(line.split("\t")[4]));
  const reported = lines(await read(files.out))
    .map((line) => JSON.parse(line))
    .filter((event) => event.event === "addressAdded" || event.event === "addressRemoved")
    .map((event) => Date.parse(event.time));
  const latencies = fired.map((at, n) => reported[n] - at).sort((a, b) => a - b);
  console.log(
    `notification to event, ${latencies.length} changes: median ${percentile(latencies, 0.5)} ms, ` +
      `p95 ${percentile(latencies, 0.95)} ms, max ${latencies.at(-1)} ms`,
  );
}

// 2. CPU of an idle watch.
{
  const ticks = (pid: number) => {
    const fields = Deno.readTextFileSync(`/proc/${pid}/stat`).split(") ")[1].split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime, fields 14 and 15
  };
  const wineserver = () => {
    for (const entry of Deno.readDirSync("/proc")) {
      if (!/^\d+$/.test(entry.name)) continue;
      try {
        if (Deno.readTextFileSync(`/proc/${entry.name}/comm`).trim() === "wineserver") {
          return Number(entry.name);
        }
      } catch {
        // a process that ended meanwhile
      }
    }
    return undefined;
  };
  const { child } = await startWatch(["--json", "--timeout", "10"]);
  const server = wineserver();
  await sleep(1000); // past start-up: the first readings and the registrations
  const [start, serverStart, t0] = [ticks(child.pid), server ? ticks(server) : 0, performance.now()];
  await sleep(7000);
  const [end, serverEnd, t1] = [ticks(child.pid), server ? ticks(server) : 0, performance.now()];
  const { code } = await child.status;
  const seconds = (t1 - t0) / 1000;
  const share = (used: number) => `${((used / TICKS_PER_SECOND / seconds) * 100).toFixed(2)}%`;
  console.log(
    `idle watch over ${seconds.toFixed(1)} s: ${share(end - start)} of one core ` +
      `(wineserver meanwhile: ${share(serverEnd - serverStart)}); exit status at --timeout ${code}`,
  );
}
