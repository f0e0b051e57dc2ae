// Times whole processes under Wine, alternating the commands so that any drift
// falls on all of them: `leasectl.exe --help` and `leasectl.exe list --json`
// against the floor, an exe built the same way whose runtime only exits (the
// launcher's start, its check of the unpacked files, and a bare start of the
// runtime), and a bare `node.exe -e 0` for what the launcher adds. First, the
// first run of each: the one that unpacks the runtime and koffi.node.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const [nodeExe, leasectlExe, floorExe, unpackFolder] = process.argv.slice(2);
const ROUNDS = 21;
const time = (args) => {
  const started = process.hrtime.bigint();
  const { status } = spawnSync("wine", args, { stdio: "ignore" });
  if (status !== 0) throw new Error(`${args.join(" ")} exited ${status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
rmSync(unpackFolder, { recursive: true, force: true });
const firstRunMs = time([leasectlExe, "--version"]);
const commands = {
  bare: [nodeExe, "-e", "0"],
  floor: [floorExe],
  help: [leasectlExe, "--help"],
  list: [leasectlExe, "list", "--json"],
};
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = -1; round < ROUNDS; round++) {
  for (const [name, args] of Object.entries(commands)) {
    const ms = time(args);
    if (round >= 0) times[name].push(ms); // round -1 warms Wine's caches and unpacks the floor's runtime
  }
}
const median = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
const [bare, floor, help, list] = ["bare", "floor", "help", "list"].map((name) => median(times[name]));
console.log(
  JSON.stringify({
    firstRunMs: Math.round(firstRunMs),
    bareNodeMs: Math.round(bare),
    floorMs: Math.round(floor),
    helpMs: Math.round(help),
    listMs: Math.round(list),
    floorToBareNode: Number((floor / bare).toFixed(3)),
    helpToFloor: Number((help / floor).toFixed(3)),
    listToFloor: Number((list / floor).toFixed(3)),
  }),
);
