// Times whole processes under Wine, alternating the three commands so that any
// drift falls on all of them: `leasectl.exe --help` and `leasectl.exe list --json`
// against a bare `node.exe -e 0`, the node.exe that leasectl.exe is built from.
import { spawnSync } from "node:child_process";

const [nodeExe, leasectlExe] = process.argv.slice(2);
const ROUNDS = 21;
const commands = {
  bare: [nodeExe, "-e", "0"],
  help: [leasectlExe, "--help"],
  list: [leasectlExe, "list", "--json"],
};
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = -1; round < ROUNDS; round++) {
  for (const [name, args] of Object.entries(commands)) {
    const started = process.hrtime.bigint();
    const { status } = spawnSync("wine", args, { stdio: "ignore" });
    if (status !== 0) throw new Error(`${name} exited ${status}`);
    // Round -1 warms up: Wine's caches, and leasectl.exe's first use writing koffi.node.
    if (round >= 0) times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
const [bare, help, list] = ["bare", "help", "list"].map((name) => median(times[name]));
console.log(
  JSON.stringify({
    bareMs: Math.round(bare),
    helpMs: Math.round(help),
    listMs: Math.round(list),
    helpRatio: Number((help / bare).toFixed(3)),
    listRatio: Number((list / bare).toFixed(3)),
  }),
);
