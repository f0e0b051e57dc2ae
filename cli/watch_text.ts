/**
 * The human lines of `leasectl watch`: one per change, with its time, every
 * value from Windows shown escaped.
 *
 * @module
 */

import { shown } from "../lib/escape.ts";
import type { WatchEvent } from "../mod.ts";

const WHAT = {
  addressAdded: "address added",
  addressRemoved: "address removed",
  addressChanged: "address changed",
  interfaceChanged: "interface",
} as const;

/** One line for `change`, such as `2026-11-24T10:00:00.123Z Ethernet: address added 192.0.2.23 (dhcp, preferred)`. */
export function describeChange(change: WatchEvent): string {
  let detail: string;
  if (change.address) {
    const { address, prefixOrigin, state, autoconfigured } = change.address;
    const notes: string[] = [prefixOrigin ?? "other", state ?? "unknown state"];
    if (autoconfigured) notes.push("autoconfiguration: no DHCP server answered");
    detail = `${shown(address)} (${notes.map(shown).join(", ")})`;
  } else {
    const gateways = change.gateways ?? [];
    detail = `${shown(change.operStatus ?? "unknown")}, ${
      gateways.length ? `gateway ${gateways.map(shown).join(", ")}` : "no gateway"
    }`;
  }
  return `${change.time} ${shown(change.friendlyName)}: ${WHAT[change.event]} ${detail}\n`;
}
