/**
 * The events of a watch: what changed between two readings of the adapters,
 * as `leasectl watch --json` prints each one.
 *
 * @module
 */

import type { Adapter, AddressInfo, OperStatus } from "./types.ts";

/** What happened: an address came, went or changed state, or the interface changed. */
export type WatchEventKind = "addressAdded" | "addressRemoved" | "addressChanged" | "interfaceChanged";

/** One change, as a line of `leasectl watch --json` prints it. */
export interface WatchEvent {
  /** When leasectl saw it (ISO 8601). */
  time: string;
  /** The adapter's interface index. */
  index: number;
  /** The adapter's GUID, `{…}`. */
  guid: string;
  /** The name Windows shows for it. */
  friendlyName: string;
  /** What happened. */
  event: WatchEventKind;
  /** The address, for address events (as it was, for addressRemoved). */
  address?: AddressInfo;
  /** The adapter's operational status, for interface events. */
  operStatus?: OperStatus;
  /** Its default gateways now, for interface events. */
  gateways?: string[];
}
/**
 * Lifetimes count down between two readings (on Windows; some systems report them
 * unchanged): only a jump is a change, up (a renew extended it) or down faster
 * than time passed (it was cut short), by more than two seconds either way.
 */
function lifetimeChanged(before: number | null, after: number | null, elapsedSeconds: number): boolean {
  if (before === null || after === null) return before !== after;
  return after > before + 2 || after < before - elapsedSeconds - 2;
}

function addressChanged(before: AddressInfo, after: AddressInfo, elapsedSeconds: number): boolean {
  return before.state !== after.state || before.prefixOrigin !== after.prefixOrigin ||
    before.suffixOrigin !== after.suffixOrigin || before.prefixLength !== after.prefixLength ||
    before.autoconfigured !== after.autoconfigured ||
    lifetimeChanged(before.validLifetime, after.validLifetime, elapsedSeconds) ||
    lifetimeChanged(before.preferredLifetime, after.preferredLifetime, elapsedSeconds) ||
    lifetimeChanged(before.leaseLifetime, after.leaseLifetime, elapsedSeconds);
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, n) => value === b[n]);

/**
 * The events between two readings of the same selection, in the order of the
 * later reading: per adapter, addresses removed, added, changed, then the
 * interface. An adapter that went away reports its addresses removed and
 * "notPresent"; one that appeared, its interface and each address.
 */
export function diffAdapters(
  before: readonly Adapter[],
  after: readonly Adapter[],
  time: Date,
  elapsedSeconds = 0,
): WatchEvent[] {
  const events: WatchEvent[] = [];
  const stamp = time.toISOString();
  const event = (adapter: Adapter, kind: WatchEventKind, extra: Partial<WatchEvent>) =>
    events.push({
      time: stamp,
      index: adapter.index,
      guid: adapter.guid,
      friendlyName: adapter.friendlyName,
      event: kind,
      ...extra,
    });
  const earlier = new Map(before.map((adapter) => [adapter.guid, adapter]));
  const later = new Set(after.map((adapter) => adapter.guid));
  for (const adapter of after) {
    const old = earlier.get(adapter.guid);
    const now = adapter.addresses;
    const was = old ? old.addresses : [];
    const wasByAddress = new Map(was.map((entry) => [entry.address, entry]));
    const nowByAddress = new Map(now.map((entry) => [entry.address, entry]));
    if (!old) {
      event(adapter, "interfaceChanged", { operStatus: adapter.operStatus, gateways: adapter.gateways });
    }
    for (const entry of was) {
      if (!nowByAddress.has(entry.address)) event(adapter, "addressRemoved", { address: entry });
    }
    for (const entry of now) {
      if (!wasByAddress.has(entry.address)) event(adapter, "addressAdded", { address: entry });
    }
    for (const entry of now) {
      const previous = wasByAddress.get(entry.address);
      if (previous && addressChanged(previous, entry, elapsedSeconds)) {
        event(adapter, "addressChanged", { address: entry });
      }
    }
    if (old && (old.operStatus !== adapter.operStatus || !sameList(old.gateways, adapter.gateways))) {
      event(adapter, "interfaceChanged", { operStatus: adapter.operStatus, gateways: adapter.gateways });
    }
  }
  for (const adapter of before) {
    if (later.has(adapter.guid)) continue;
    for (const entry of adapter.addresses) event(adapter, "addressRemoved", { address: entry });
    event(adapter, "interfaceChanged", { operStatus: "notPresent", gateways: [] });
  }
  return events;
}
