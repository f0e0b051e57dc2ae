/**
 * Calls under one deadline: at most so many at a time, each raced against the
 * deadline, and what became of one call.
 *
 * @module
 */

/** What became of one adapter's call: it returned; it was still running (or not started) at the deadline; or it failed before or around the call, with why. */
export type CallResult =
  | { kind: "returned"; code: number; returnedAt: number }
  | { kind: "timedOut"; started: boolean }
  | { kind: "failed"; code: number; reason: string };

/** What {@linkcode beforeDeadline} resolves with when the deadline comes first. */
export const TIMED_OUT: unique symbol = Symbol("timed out");

/** Resolves with `call`'s result, or TIMED_OUT at `deadline` (ms since the epoch), whichever comes first. */
export function beforeDeadline<T>(call: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expiry = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([call, expiry]).finally(() => clearTimeout(timer));
}

/** Runs `work` over `items`, at most `limit` at a time. */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
