/**
 * The change feed that `watch` and `--wait` share: a call on the event loop for
 * each address or interface change, from NotifyUnicastIpAddressChange and
 * NotifyIpInterfaceChange where they register, and a 250 ms timer otherwise.
 *
 * @module
 */

import { clearInterval, setInterval } from "node:timers";
import type { Backend, RowNotification } from "../ffi/backend.ts";
import { LibraryLoadError, Win32Error } from "../ffi/errors.ts";
import { constants } from "../ffi/layouts.ts";
import { notificationHub } from "../ffi/notifications.ts";

/** One change: its kind, and the interface index it happened on (0 when unknown). */
export interface NetworkChange {
  /** An address change (added, removed, changed) or an interface change (oper status, gateways). */
  kind: "address" | "interface" | "route";
  /** The interface index, 0 when unknown. */
  index: number;
}

/** A live subscription to changes. */
export interface ChangeFeed {
  /** True when notifications drive it; false when it fell back to reading every 250 ms. */
  readonly eventDriven: boolean;
  /** Stops the feed: the native registrations are cancelled and their callbacks closed when it resolves. */
  close(): Promise<void>;
}

/** How often the fallback asks for a fresh reading, in milliseconds. */
export const POLL_MS = 250;

/**
 * Calls onChange on the event loop for each address or interface change; falls back
 * to a 250 ms timer (calling onChange({ kind: "interface", index: 0 })) when
 * registration fails, with eventDriven false. The row a notification carries is
 * incomplete: read the adapters again to learn what changed. Neither the feed nor
 * its timer keeps the process alive; close it on every way out.
 */
export async function subscribeChanges(
  backend: Backend,
  onChange: (change: NetworkChange) => void,
): Promise<ChangeFeed> {
  const hub = notificationHub(backend);
  let open = true;
  const listener = (notification: RowNotification) => {
    if (!open || notification.type === constants.MibInitialNotification) return;
    onChange({ kind: notification.kind, index: notification.index });
  };
  const leaves: (() => Promise<void>)[] = [];
  const leave = () => Promise.all(leaves.splice(0).map((unsubscribe) => unsubscribe())).then(() => {});
  try {
    leaves.push(await hub.subscribe("address", listener));
    leaves.push(await hub.subscribe("interface", listener));
  } catch (error) {
    await leave();
    // A DLL without the functions, or a registration Windows refuses: poll instead.
    if (!(error instanceof LibraryLoadError) && !(error instanceof Win32Error)) throw error;
    const timer = setInterval(() => onChange({ kind: "interface", index: 0 }), POLL_MS);
    timer.unref();
    return {
      eventDriven: false,
      close: () => {
        clearInterval(timer);
        return Promise.resolve();
      },
    };
  }
  let closed: Promise<void> | undefined;
  return {
    eventDriven: true,
    close: () => {
      open = false;
      return closed ??= leave();
    },
  };
}
