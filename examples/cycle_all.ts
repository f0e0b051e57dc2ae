/**
 * Releases, flushes the DNS cache and renews every DHCP adapter in one go, as
 * `ipconfig /release`, `/flushdns` and `/renew` would, but without the gap a
 * remote session dies in; then waits until each adapter is really back.
 *
 *     deno run --allow-ffi examples/cycle_all.ts [timeout-seconds]
 */

import { cycle, ReturnValue } from "@leasectl/leasectl";

const timeout = Number(Deno.args[0] ?? 60);

const result = await cycle(undefined, { timeout, wait: 30 });
for (const adapter of result.renew.adapters) {
  const before = result.release.adapters.find((other) => other.guid === adapter.guid)?.ipv4Before ?? [];
  const detail = adapter.status === "done"
    ? `${adapter.ipv4After?.join(", ") ?? "unknown"}, ready after ${adapter.readyAfterMs} ms`
    : adapter.reason;
  console.log(`${adapter.friendlyName}: ${before.join(", ") || "-"} -> ${adapter.status}: ${detail}`);
}
console.log(`cycle returned ${result.returnValue}`);
if (result.returnValue !== ReturnValue.Success) Deno.exitCode = 1;
