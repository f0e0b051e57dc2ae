/**
 * Calls given up on at their deadline but still running in Windows, by
 * adapter GUID. A cycle shares one set between its release and its renew: a
 * late release would undo the renew that follows it, so the renew waits for it.
 *
 * @module
 */

import { beforeDeadline, TIMED_OUT } from "./deadline.ts";

/** The calls still running past their deadline, by adapter GUID. */
export class InFlightCalls {
  readonly #calls = new Map<string, Promise<unknown>>();

  /** Records `call` on the adapter `guid` as still running; its failure is of no interest any more. */
  add(guid: string, call: Promise<unknown>): void {
    this.#calls.set(guid, call.catch(() => {}));
  }

  /** Whether the adapter `guid` has no call still running at `deadline` (ms since the epoch): waits until then. */
  async settledBy(guid: string, deadline: number): Promise<boolean> {
    const earlier = this.#calls.get(guid);
    return !earlier || await beforeDeadline(earlier, deadline) !== TIMED_OUT;
  }
}
