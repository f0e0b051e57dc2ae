// Times whole processes under Wine, alternating the two commands so that any
// drift falls on both: `leasectl list --json` against a bare `deno eval 0`.
import { spawnSync } from "node:child_process";

const denoExe = process.argv[2];
const ROUNDS = 21;
const commands = {
  bare: ["eval", "0"],
  list: ["run", "--allow-ffi", "cli.ts", "list", "--json"],
};
const times = { bare: [], list: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, args] of Object.entries(commands)) {
    const started = process.hrtime.bigint();
    const { status } = spawnSync("wine", [denoExe, ...args], { stdio: "ignore" });
    if (status !== 0) throw new Error(`${name} exited ${status}`);
    times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
const bare = median(times.bare), list = median(times.list);
console.log(
  JSON.stringify({
    bareMs: Math.round(bare),
    listMs: Math.round(list),
    ratio: Number((list / bare).toFixed(3)),
  }),
);
