/**
 * Lists the DHCP adapters with their address and when their lease expires.
 *
 *     deno run --allow-ffi examples/lease_expiry.ts
 */

import { listAdapters } from "@leasectl/leasectl";

const hoursLeft = (iso: string) => ((Date.parse(iso) - Date.now()) / 3_600_000).toFixed(1);

for (const adapter of await listAdapters()) {
  if (!adapter.dhcpEnabled) continue;
  const lease = adapter.leaseExpires
    ? `expires ${adapter.leaseExpires} (in ${hoursLeft(adapter.leaseExpires)} h)`
    : "no lease";
  console.log(`${adapter.friendlyName}\t${adapter.ipv4.join(", ") || "-"}\t${lease}`);
}
