/**
 * Run on Windows (under Wine here): how much listAdapters() costs over the
 * native calls it makes, made bare in the same process: the same sequence of
 * GetAdaptersAddresses, GetInterfaceInfo and GetAdaptersInfo with buffers of
 * the same sizes, and no decoding. Prints one JSON line.
 */

import { listAdapters } from "../mod.ts";
import { iphlpapi } from "../ffi/symbols.ts";
import { constants } from "../ffi/layouts.ts";

const ROUNDS = Number(Deno.args[0] ?? 300);
const path = Deno.env.get("LEASECTL_IPHLPAPI") || "iphlpapi.dll";
const { symbols } = Deno.dlopen(path, iphlpapi);
const FLAGS = constants.GAA_FLAG_SKIP_ANYCAST | constants.GAA_FLAG_SKIP_MULTICAST |
  constants.GAA_FLAG_INCLUDE_GATEWAYS;

/** Fills a fresh buffer as the library does: first at `size`, again at the size asked for. */
function fill(size: number, call: (buffer: Uint8Array, size: Uint32Array) => number) {
  const asked = new Uint32Array([size]);
  if (call(new Uint8Array(size), asked) !== 0) call(new Uint8Array(asked[0]), asked);
}

function bare() {
  fill(
    15_000,
    (buffer, size) => symbols.GetAdaptersAddresses(constants.AF_UNSPEC, FLAGS, null, buffer, size),
  );
  fill(4 + 16 * 260, (buffer, size) => symbols.GetInterfaceInfo(buffer, size));
  fill(16_384, (buffer, size) => symbols.GetAdaptersInfo(buffer, size));
}

async function time(rounds: number, work: () => unknown): Promise<number> {
  const started = performance.now();
  for (let n = 0; n < rounds; n++) await work();
  return performance.now() - started;
}

const adapters = (await listAdapters()).length;
await time(30, bare);
await time(30, listAdapters);
// Interleaved halves, so that drift in the machine's speed falls on both alike.
let bareMs = 0, libraryMs = 0;
for (let half = 0; half < 2; half++) {
  bareMs += await time(ROUNDS / 2, bare);
  libraryMs += await time(ROUNDS / 2, listAdapters);
}
console.log(JSON.stringify({
  adapters,
  bareMicroseconds: Math.round((bareMs / ROUNDS) * 1000),
  listMicroseconds: Math.round((libraryMs / ROUNDS) * 1000),
  ratio: Number((libraryMs / bareMs).toFixed(3)),
}));
