/**
 * Any OS: decoding a GetAdaptersAddresses buffer of 64 adapters, laid out from
 * the probed layouts. Prints microseconds per adapter.
 */

import { decodeAdapterAddresses } from "../ffi/codecs/adapter_addresses.ts";
import { laptop } from "../harness/adapters.ts";
import { buildAdapterAddresses, FAKE_BASE } from "../harness/win32_buffers.ts";

const ADAPTERS = 64, ROUNDS = 2_000;
const adapters = Array.from({ length: ADAPTERS }, (_, n) => ({
  ...laptop()[n % 5],
  index: 100 + n,
  friendlyName: `Ethernet ${n + 1}`,
}));
const buffer = buildAdapterAddresses(adapters);

for (let n = 0; n < 200; n++) decodeAdapterAddresses(buffer, FAKE_BASE);
const started = performance.now();
for (let n = 0; n < ROUNDS; n++) decodeAdapterAddresses(buffer, FAKE_BASE);
const perAdapter = ((performance.now() - started) * 1000) / (ROUNDS * ADAPTERS);
console.log(
  JSON.stringify({
    adapters: ADAPTERS,
    bytes: buffer.length,
    microsecondsPerAdapter: Number(perAdapter.toFixed(2)),
  }),
);
