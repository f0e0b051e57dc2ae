/**
 * `watch`: address and interface changes as they happen. Each notification says
 * little (its row is incomplete), so each one makes a fresh reading of the
 * adapters, and the events are what changed since the reading before.
 *
 * @module
 */

import { clearInterval, clearTimeout, setInterval, setTimeout } from "node:timers";
import type { Backend } from "../ffi/backend.ts";
import { readAdaptersByGuid } from "./adapters.ts";
import { subscribeChanges } from "./changes.ts";
import { AdapterNotFoundError } from "./errors.ts";
import { type AdapterArgument, parseAdapterArgument, selectAdapters } from "./select.ts";
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

/** Options of {@linkcode watch}. */
export interface WatchOptions {
  /** Ends the watch: the iteration finishes, with every registration cancelled. */
  signal?: AbortSignal;
  /** The native calls to use; by default the system's DLLs through FFI. */
  backend?: Backend;
  /** Called once when change notifications cannot be registered and leasectl reads every 250 ms instead. */
  onFallback?: () => void;
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

/** The adapters `adapter` selects now; none (rather than an error) once it matches nothing any more. */
function selected(adapters: Adapter[], wanted: AdapterArgument | undefined): Adapter[] {
  if (wanted === undefined) return adapters;
  try {
    return selectAdapters(adapters, wanted);
  } catch (error) {
    if (error instanceof AdapterNotFoundError) return [];
    throw error;
  }
}

/** Every adapter now, in the order Windows lists them: addresses, status and gateways (no lease times). */
const readNow = (backend: Backend): Adapter[] => [...readAdaptersByGuid(backend).values()];

/** Longer than any timer needs: what keeps the process alive while a watch waits. */
const KEEP_ALIVE_MS = 2 ** 30;

/** How long ending a watch waits for Windows to cancel its notifications. */
const CLOSE_DEADLINE_MS = 5000;

/**
 * Closes `feed`, waiting at most `ms`: a cancel that never returns (a callback that
 * never ends) leaves its callback registered, which is safe, rather than the caller stuck.
 */
function closeWithin(feed: { close(): Promise<void> }, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([feed.close(), deadline]).finally(() => clearTimeout(timer));
}

/** The generator behind {@linkcode watch}. */
export async function* watchChanges(
  backend: Backend,
  adapter: string | undefined,
  options: Omit<WatchOptions, "backend"> = {},
): AsyncGenerator<WatchEvent, void, undefined> {
  const { signal } = options;
  const wanted = adapter === undefined ? undefined : parseAdapterArgument(adapter);
  // The first reading comes before registering, so that nothing between the two is missed,
  // and an adapter that matches nothing fails before anything is registered.
  const first = readNow(backend);
  if (wanted !== undefined) selectAdapters(first, wanted);
  if (signal?.aborted) return;
  let previous = selected(first, wanted);
  let readAt = performance.now();
  let dirty = true; // once more right after registering
  let wake: (() => void) | undefined;
  const feed = await subscribeChanges(backend, () => {
    dirty = true;
    wake?.();
  });
  const keepAlive = setInterval(() => {}, KEEP_ALIVE_MS);
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  try {
    if (!feed.eventDriven) options.onFallback?.();
    while (!signal?.aborted) {
      if (!dirty) await new Promise<void>((resolve) => wake = resolve);
      wake = undefined;
      if (signal?.aborted) break;
      dirty = false;
      const now = performance.now();
      const current = selected(readNow(backend), wanted);
      const events = diffAdapters(previous, current, new Date(), (now - readAt) / 1000);
      previous = current;
      readAt = now;
      for (const event of events) {
        if (signal?.aborted) break;
        yield event;
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    clearInterval(keepAlive);
    await closeWithin(feed, CLOSE_DEADLINE_MS);
  }
}
