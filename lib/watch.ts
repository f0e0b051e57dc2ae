/**
 * `watch`: address and interface changes as they happen. Each notification says
 * little (its row is incomplete), so each one makes a fresh reading of the
 * adapters, and the events are what changed since the reading before
 * (lib/watch_events.ts).
 *
 * @module
 */

import { clearInterval, clearTimeout, setInterval, setTimeout } from "node:timers";
import type { Backend } from "../ffi/backend.ts";
import { readAdaptersByGuid } from "./adapters.ts";
import { subscribeChanges } from "./changes.ts";
import { AdapterNotFoundError } from "./errors.ts";
import { type AdapterArgument, parseAdapterArgument, selectAdapters } from "./select.ts";
import type { Adapter } from "./types.ts";
import { diffAdapters, type WatchEvent } from "./watch_events.ts";

/** Options of {@linkcode watch}. */
export interface WatchOptions {
  /** Ends the watch: the iteration finishes, with every registration cancelled. */
  signal?: AbortSignal;
  /** The native calls to use; by default the system's DLLs through FFI (see `@leasectl/leasectl/testing`). */
  backend?: Backend;
  /** Called once when change notifications cannot be registered and leasectl reads every 250 ms instead. */
  onFallback?: () => void;
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
