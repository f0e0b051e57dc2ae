/**
 * The bounds of an operation: how many calls run at once, and how long they
 * and the waits after them may take.
 *
 * @module
 */

import { InvalidArgumentError } from "./errors.ts";

/** How many calls run at once: each holds a thread (or an ipconfig process) while it waits on DHCP. */
export const MAX_PARALLEL_CALLS = 16;
/** The longest `timeout` or `wait` accepted, in seconds: a day. */
export const MAX_TIMEOUT_SECONDS = 86_400;
/**
 * The deadline of the calls when no `timeout` is given, in seconds: every wait is bounded. The DHCP client
 * gives up on a server within about a minute; a call running five times as long has hung.
 */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/** Throws an InvalidArgumentError unless `seconds` is a usable number of seconds for `option`. */
export function checkSeconds(seconds: number | undefined, option = "timeout"): void {
  if (seconds === undefined) return;
  if (
    typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS
  ) {
    throw new InvalidArgumentError(
      `The ${option} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}; got ${seconds}.`,
    );
  }
}

/** "1 second", "30 seconds": a duration in a message. */
export const secondsPhrase = (count: number): string => `${count} ${count === 1 ? "second" : "seconds"}`;
