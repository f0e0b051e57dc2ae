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
  /**
   * An address change (added, removed, changed), an interface change (oper status), or a
   * default route's (a gateway that came or went).
   */
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

/** Where route changes cannot be registered, how often gateways are looked at again, in milliseconds. */
export const GATEWAY_POLL_MS = 1000;

/**
 * Calls onChange on the event loop for each address or interface change, and each
 * default route that comes or goes (NotifyRouteChange2: Windows signals a gateway as
 * a route, with no interface change). Where route changes alone cannot be
 * registered, gateways are looked at again every second instead. Falls back
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
    // Only a default route is a gateway; an address brings host and subnet routes of its own.
    if (notification.kind === "route" && notification.prefixLength !== 0) return;
    onChange({ kind: notification.kind, index: notification.index });
  };
  const refused = (error: unknown) => error instanceof LibraryLoadError || error instanceof Win32Error;
  const leaves: (() => Promise<void>)[] = [];
  const leave = () => Promise.all(leaves.splice(0).map((unsubscribe) => unsubscribe())).then(() => {});
  try {
    leaves.push(await hub.subscribe("address", listener));
    leaves.push(await hub.subscribe("interface", listener));
  } catch (error) {
    await leave();
    // A DLL without the functions, or a registration Windows refuses: poll instead.
    if (!refused(error)) throw error;
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
  let gatewayTimer: ReturnType<typeof setInterval> | undefined;
  try {
    leaves.push(await hub.subscribe("route", listener));
  } catch (error) {
    if (!refused(error)) {
      await leave();
      throw error;
    }
    gatewayTimer = setInterval(() => open && onChange({ kind: "route", index: 0 }), GATEWAY_POLL_MS);
    gatewayTimer.unref();
  }
  let closed: Promise<void> | undefined;
  return {
    eventDriven: true,
    close: () => {
      open = false;
      clearInterval(gatewayTimer);
      return closed ??= leave();
    },
  };
}
