/**
 * Run on Windows (under Wine here), against the dhcpcsvc double: `dhcpOptions()`
 * over 64 DHCP adapters whose DhcpRequestParams takes 200 ms each (scenario
 * many,options-slow); each one's options fit the first, small buffer. Prints
 * one JSON line: the wall time, the calls made and how many ran at once, the
 * time they would take one by one, and the adapters read.
 */

import { dhcpOptions } from "../mod.ts";

const SLOW_CALL_MS = 200;
const log = Deno.env.get("LEASECTL_DOUBLE_LOG");
if (!log) throw new Error("Set LEASECTL_DOUBLE_LOG to a file for the double's log.");

await Deno.writeTextFile(log, "");
const started = performance.now();
const adapters = await dhcpOptions(undefined, { timeout: 120 });
const ms = performance.now() - started;
const lines = (await Deno.readTextFile(log)).split("\n");
const calls = lines.filter((line) => line.startsWith("DhcpRequestParams\t")).length;
const maxInFlight = Math.max(
  ...lines.filter((line) => line.startsWith("DhcpRequestParams\t")).map((line) =>
    Number(line.split("\t")[3])
  ),
);
console.log(JSON.stringify({
  adapters: adapters.length,
  done: adapters.filter((adapter) => adapter.status === "done").length,
  options: adapters.reduce((sum, adapter) => sum + adapter.options.length, 0),
  calls,
  maxInFlight,
  wallMs: Math.round(ms),
  oneByOneMs: calls * SLOW_CALL_MS,
}));
