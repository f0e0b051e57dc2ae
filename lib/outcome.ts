/**
 * One adapter's outcome, as the JSON contract shapes it: its identity, status,
 * code and reason, and its addresses before and after.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import { readAdaptersByGuid } from "./adapters.ts";
import { secondsPhrase } from "./limits.ts";
import type { Adapter, AdapterOutcome, Operation } from "./types.ts";

/** The past participle of each operation, for messages. */
export const PAST: Record<Operation, string> = {
  release: "released",
  renew: "renewed",
  release6: "released",
  renew6: "renewed",
};

/** The addresses read again after the call; null where they could not be read. */
export type After = { ipv4After: string[] | null; ipv6After: string[] | null };

/** What an outcome says beyond the adapter: by default its addresses after are those before. */
type OutcomeFields = Pick<AdapterOutcome, "status" | "code" | "reason"> & Partial<After>;

/** The outcome of `adapter`, with the addresses it had before. */
export function outcomeOf(adapter: Adapter, fields: OutcomeFields): AdapterOutcome {
  const { index, guid, friendlyName, ipv4, ipv6 } = adapter;
  const { status, code, reason, ipv4After = ipv4, ipv6After = ipv6 } = fields;
  return {
    index,
    guid,
    friendlyName,
    status,
    code,
    reason,
    ipv4Before: ipv4,
    ipv4After,
    ipv6Before: ipv6,
    ipv6After,
  };
}

/** A failed outcome, its addresses unchanged. */
export const failedOutcome = (adapter: Adapter, code: number, reason: string): AdapterOutcome =>
  outcomeOf(adapter, { status: "failed", code, reason });

/** A dry run's outcome for an adapter the real run would act on: skipped, and planned. */
export const plannedOutcome = (adapter: Adapter, operation: Operation): AdapterOutcome => ({
  ...outcomeOf(adapter, {
    status: "skipped",
    code: 0,
    reason: `Dry run: the lease would be ${PAST[operation]}.`,
  }),
  planned: true,
});

/** The outcome of a call still running, or not started, when `timeout` seconds had passed. */
export function timedOutOutcome(
  adapter: Adapter,
  operation: Operation,
  timeout: number,
  started: boolean,
): AdapterOutcome {
  const reason = started
    ? `The ${operation} did not finish within ${secondsPhrase(timeout)}.`
    : `The ${operation} did not start within ${
      secondsPhrase(timeout)
    }: the other adapters' calls took that long.`;
  return failedOutcome(adapter, Win32ErrorCode.ERROR_TIMEOUT, reason);
}

/** The adapter's addresses read again; null where they cannot be read: unknown, not "none". */
export function readAfter(backend: Backend, adapter: Adapter): After {
  try {
    const now = readAdaptersByGuid(backend).get(adapter.guid);
    return { ipv4After: now?.ipv4 ?? [], ipv6After: now?.ipv6 ?? [] };
  } catch {
    return { ipv4After: null, ipv6After: null };
  }
}
