/**
 * Renews one adapter's DHCP lease and prints the address it got.
 *
 *     deno run --allow-ffi examples/renew_adapter.ts "Ethernet"
 */

import { LeasectlError, renew } from "@leasectl/leasectl";

const name = Deno.args[0] ?? "Ethernet";
try {
  const { adapters } = await renew(name, { timeout: 60 });
  for (const adapter of adapters) {
    if (adapter.status === "done") {
      console.log(`${adapter.friendlyName}: ${adapter.ipv4After?.join(", ") || "no IPv4 address yet"}`);
    } else {
      console.error(`${adapter.friendlyName}: ${adapter.status}. ${adapter.reason}`);
      Deno.exitCode = 1;
    }
  }
} catch (error) {
  if (!(error instanceof LeasectlError)) throw error;
  console.error(error.message);
  Deno.exitCode = 2;
}
