/**
 * Change notifications in winipcfg's shape, for either runtime.
 *
 * One native registration per kind (one NotifyUnicastIpAddressChange handle, one
 * NotifyIpInterfaceChange handle, one NotifyRouteChange2 handle) per backend, shared by every subscriber and
 * counted: the first subscriber registers, the last one to leave cancels. The
 * native callback only copies the row's few fields (ffi/notification_kinds.ts) and
 * returns; subscribers are called later, on the event loop, outside the callback.
 * CancelMibChangeNotify2 is the backend's to run, on a thread of its own, and the
 * callback is closed only once it has returned (ffi/native_backend.ts).
 *
 * @module
 */

import type { Backend, NotificationKind, NotificationRegistration, RowNotification } from "./backend.ts";
import { LibraryLoadError } from "./errors.ts";
import { notificationKinds } from "./notification_kinds.ts";

/** A subscriber, called on the event loop with each notification of its kind. */
export type NotificationListener = (notification: RowNotification) => void;

interface Shared {
  listeners: Set<NotificationListener>;
  registration: Promise<NotificationRegistration> | undefined;
  /** Set while the last subscriber's cancel runs: a new subscriber waits for it. */
  closing: Promise<void> | undefined;
  pending: RowNotification[];
}

/** The shared registrations of one backend. */
export class NotificationHub {
  readonly #backend: Backend;
  readonly #kinds = new Map<NotificationKind, Shared>();

  /** Shares `backend`'s registrations. */
  constructor(backend: Backend) {
    this.#backend = backend;
  }

  /** How many subscribers `kind` has, and whether its native registration is live: for tests. */
  state(kind: NotificationKind): { subscribers: number; registered: boolean } {
    const shared = this.#kinds.get(kind);
    return { subscribers: shared?.listeners.size ?? 0, registered: shared?.registration !== undefined };
  }

  /**
   * Calls `listener` with each notification of `kind`, registering natively if it
   * is the first subscriber. Resolves with its unsubscribe, which resolves once the
   * native registration is cancelled and its callback closed (when it was the
   * last); rejects where registration fails.
   */
  async subscribe(kind: NotificationKind, listener: NotificationListener): Promise<() => Promise<void>> {
    const shared = this.#shared(kind);
    while (shared.closing) await shared.closing;
    shared.listeners.add(listener);
    shared.registration ??= this.#register(kind, shared);
    try {
      await shared.registration;
    } catch (error) {
      shared.listeners.delete(listener);
      if (shared.listeners.size === 0) shared.registration = undefined;
      throw error;
    }
    let subscribed = true;
    return () => {
      if (!subscribed) return shared.closing ?? Promise.resolve();
      subscribed = false;
      return this.#leave(shared, listener);
    };
  }

  #shared(kind: NotificationKind): Shared {
    let shared = this.#kinds.get(kind);
    if (!shared) {
      shared = { listeners: new Set(), registration: undefined, closing: undefined, pending: [] };
      this.#kinds.set(kind, shared);
    }
    return shared;
  }

  #register(kind: NotificationKind, shared: Shared): Promise<NotificationRegistration> {
    return Promise.resolve().then(() => {
      const notifyChanges = this.#backend.notifyChanges;
      if (!notifyChanges) {
        throw new LibraryLoadError(notificationKinds[kind].register, []);
      }
      return notifyChanges.call(this.#backend, kind, (notification) => {
        // On the event loop, but inside the native callback: note it, and return at once.
        shared.pending.push(notification);
        if (shared.pending.length === 1) queueMicrotask(() => this.#dispatch(shared));
      });
    });
  }

  #dispatch(shared: Shared): void {
    const notifications = shared.pending.splice(0);
    for (const notification of notifications) {
      for (const listener of [...shared.listeners]) {
        if (!shared.listeners.has(listener)) continue;
        try {
          listener(notification);
        } catch (error) {
          // One subscriber's failure is its own: the others still hear of the change.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
  }

  async #leave(shared: Shared, listener: NotificationListener): Promise<void> {
    shared.listeners.delete(listener);
    if (shared.listeners.size > 0 || !shared.registration) return;
    const registration = shared.registration;
    shared.registration = undefined;
    const closing = registration.then((live) => live.cancel(), () => {}).finally(() => {
      if (shared.closing === closing) shared.closing = undefined;
    });
    shared.closing = closing;
    await closing;
  }
}

const hubs = new WeakMap<Backend, NotificationHub>();

/** The one hub of `backend`, so that every subscriber in the process shares its registrations. */
export function notificationHub(backend: Backend): NotificationHub {
  let hub = hubs.get(backend);
  if (!hub) hubs.set(backend, hub = new NotificationHub(backend));
  return hub;
}
