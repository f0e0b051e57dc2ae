/**
 * A long run in one process, on Windows (under Wine here) against the Iphlpapi
 * test double: `release("Ethernet")` then `renew("Ethernet")`, CYCLES times
 * (4,000 by default), sampling `Deno.memoryUsage()` after a full GC every
 * eighth of the way. Prints external memory and RSS, in MiB, at each sample, and
 * how each moved over the second half (goal: flat, within a few MiB).
 *
 *     deno run --v8-flags=--expose-gc --allow-ffi --allow-env bench/soak.ts [CYCLES]   (bench/run.sh runs it)
 */

import { release, renew } from "../mod.ts";

const cycles = Number(Deno.args[0] ?? 4000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --v8-flags=--expose-gc");
const mib = (bytes: number) => Number((bytes / 1048576).toFixed(1));
const samples: { cycle: number; external: number; rss: number }[] = [];
for (let cycle = 1; cycle <= cycles; cycle++) {
  await release("Ethernet");
  await renew("Ethernet");
  if (cycle % (cycles / 8) === 0) {
    gc();
    const { external, rss } = Deno.memoryUsage();
    samples.push({ cycle, external: mib(external), rss: mib(rss) });
  }
}
const half = samples.slice(samples.length / 2 - 1);
const spread = (key: "external" | "rss") =>
  Number((Math.max(...half.map((s) => s[key])) - Math.min(...half.map((s) => s[key]))).toFixed(1));
console.log(samples.map((s) => `${s.cycle}: external ${s.external} MiB, rss ${s.rss} MiB`).join("\n"));
console.log(JSON.stringify({
  cycles,
  secondHalf: {
    externalMiB: [half[0].external, half.at(-1)!.external],
    rssMiB: [half[0].rss, half.at(-1)!.rss],
    externalSpreadMiB: spread("external"),
    rssSpreadMiB: spread("rss"),
  },
}));
