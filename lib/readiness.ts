/**
 * `--wait`: after a successful renew, when is an adapter really back? When it
 * has a preferred IPv4 address that is not autoconfigured, and a default
 * gateway where it had one before: the address comes first and the gateway
 * follows, seconds later at times. Each change Windows signals makes the
 * waiters read the adapters again; nothing polls fast.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { isAutoconfigured, isIpv4 } from "./adapter_record.ts";
import { readAdaptersByGuid } from "./adapters.ts";
import { type ChangeFeed, subscribeChanges } from "./changes.ts";
import type { Adapter } from "./types.ts";

/**
 * How often a waiter reads again with no change signalled: a safety net only, as
 * a gateway comes with a route notification (or, where route changes cannot be
 * registered, the change feed's one-second look at gateways, lib/changes.ts).
 */
const RECHECK_MS = 5000;

/** What is missing before `adapter` is ready; empty once it is. */
export function missingForReady(adapter: Adapter | undefined, hadGateway: boolean): string[] {
  if (!adapter) return ["from the adapters Windows lists"];
  const missing: string[] = [];
  const preferred = adapter.addresses.some((entry) =>
    entry.family === 4 && entry.state === "preferred" && !entry.autoconfigured
  );
  if (!preferred) missing.push("a preferred IPv4 address");
  if (hadGateway && !adapter.gateways.some(isIpv4)) missing.push("a default gateway");
  return missing;
}

/** Whether the adapter's only IPv4 addresses are autoconfigured ones (169.254/16): no DHCP server answered. */
export function onlyAutoconfigured(ipv4: readonly string[] | null): boolean {
  return ipv4 !== null && ipv4.length > 0 && ipv4.every(isAutoconfigured);
}

/** Waits, for several adapters at once, on one subscription to the change feed. */
export class ReadinessWaiter {
  readonly #backend: Backend;
  #feed: Promise<ChangeFeed> | undefined;
  readonly #wakers = new Set<() => void>();

  /** Waits through `backend`; subscribes on the first wait. */
  constructor(backend: Backend) {
    this.#backend = backend;
  }

  /**
   * Waits until the adapter `guid` is ready or `deadline` (ms since the epoch)
   * passes: the time it was first seen ready, or null, and how it looked last.
   */
  async wait(
    guid: string,
    hadGateway: boolean,
    deadline: number,
  ): Promise<{ readyAt: number | null; adapter: Adapter | undefined }> {
    this.#feed ??= subscribeChanges(this.#backend, () => {
      for (const wake of this.#wakers) wake();
    });
    await this.#feed;
    for (;;) {
      let adapter: Adapter | undefined;
      try {
        adapter = readAdaptersByGuid(this.#backend).get(guid);
      } catch {
        adapter = undefined; // read again at the next change
      }
      if (missingForReady(adapter, hadGateway).length === 0) return { readyAt: Date.now(), adapter };
      const left = deadline - Date.now();
      if (left <= 0) return { readyAt: null, adapter };
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#wakers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, RECHECK_MS));
        this.#wakers.add(done);
      });
    }
  }

  /** Ends the subscription, if any. */
  async close(): Promise<void> {
    const feed = this.#feed;
    this.#feed = undefined;
    if (feed) await (await feed).close();
  }
}
