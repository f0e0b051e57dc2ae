/**
 * Which adapters an operation touches (docs/contracts.md): the callers choose
 * the targets, and an operation acts on exactly those, skipping the ones it
 * does not apply to, with the reason.
 *
 * @module
 */

import { isIpv4 } from "./adapter_record.ts";
import { type AdapterArgument, selectAdapters } from "./select.ts";
import type { Adapter, Operation } from "./types.ts";

/** One adapter an operation was asked to act on. */
export interface Target {
  /** The adapter, as last read. */
  adapter: Adapter;
  /** False when Windows no longer lists it (a cycle's renew of what its release touched): it fails, named. */
  listed: boolean;
  /** Whether it had a default gateway before: a renew with `wait` waits until it has one again. */
  hadGateway: boolean;
}

/** Whether `operation` is one of the IPv6 ones, which go through ipconfig. */
export const isIpv6Operation = (operation: Operation): boolean =>
  operation === "release6" || operation === "renew6";

/** Why an adapter is left alone, or undefined when the operation can act on it. */
export function skipReason(adapter: Adapter, operation: Operation): string | undefined {
  const ipv6 = isIpv6Operation(operation);
  if (adapter.loopback) return "It is a loopback adapter, which has no DHCP lease.";
  if (!ipv6 && !adapter.dhcpEnabled) return "DHCP is not enabled on this adapter.";
  if (adapter.operStatus !== "up") {
    return `No operation can be performed on ${adapter.friendlyName} while it has its media disconnected.`;
  }
  if (!ipv6 && !adapter.ipv4Enabled) return "IPv4 is not enabled on this adapter.";
  if (ipv6 && !adapter.ipv6Enabled) return "IPv6 is not enabled on this adapter.";
  return undefined;
}

/** With no adapter named: IPv4 touches every DHCP-enabled, IPv4-enabled adapter; IPv6 every IPv6-enabled one; never loopback. */
const touchedByDefault = (operation: Operation) => (adapter: Adapter) =>
  !adapter.loopback &&
  (isIpv6Operation(operation) ? adapter.ipv6Enabled : adapter.dhcpEnabled && adapter.ipv4Enabled);

/** The adapter as a target that Windows lists now, with the gateway it has now. */
const listedTarget = (adapter: Adapter): Target => ({
  adapter,
  listed: true,
  hadGateway: adapter.gateways.some(isIpv4),
});

/** The targets of `operation` among `adapters`: those `wanted` names, or by default those it touches. */
export function selectTargets(
  operation: Operation,
  adapters: readonly Adapter[],
  wanted: AdapterArgument | undefined,
): Target[] {
  const selected = wanted === undefined
    ? adapters.filter(touchedByDefault(operation))
    : selectAdapters(adapters, wanted);
  return selected.map(listedTarget);
}
