/**
 * Releases and then renews the lease of every DHCP adapter, as
 * `ipconfig /release && ipconfig /renew` would, and reports each one.
 *
 *     deno run --allow-ffi examples/cycle_all.ts [timeout-seconds]
 */

import { releaseAll, renewAll, ReturnValue } from "@leasectl/leasectl";

const timeout = Number(Deno.args[0] ?? 60);

const released = await releaseAll();
const renewed = await renewAll({ timeout });
for (const adapter of renewed.adapters) {
  const before = released.adapters.find((other) => other.index === adapter.index)?.ipv4Before ?? [];
  const detail = adapter.status === "done" ? adapter.ipv4After.join(", ") : adapter.reason;
  console.log(`${adapter.friendlyName}: ${before.join(", ") || "-"} -> ${adapter.status}: ${detail}`);
}
console.log(`release returned ${released.returnValue}, renew returned ${renewed.returnValue}`);
if (renewed.returnValue !== ReturnValue.Success) Deno.exitCode = 1;
