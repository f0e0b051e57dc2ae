/**
 * The outcome of an IPv4 renew whose call returned: an adapter left with only
 * an autoconfiguration address failed, whatever the call said; with `wait`, one
 * not ready in time failed too (docs/contracts.md).
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { describeWin32Code, Win32ErrorCode } from "../ffi/win32_errors.ts";
import { secondsPhrase } from "./limits.ts";
import { type After, outcomeOf, readAfter } from "./outcome.ts";
import { missingForReady, onlyAutoconfigured, type ReadinessWaiter } from "./readiness.ts";
import type { Target } from "./targets.ts";
import type { AdapterOutcome } from "./types.ts";

/** With `wait`: the waiter, and the seconds each adapter may take to be ready. */
export interface ReadyWait {
  waiter: ReadinessWaiter;
  seconds: number;
}

type Ready = Pick<AdapterOutcome, "ready" | "readyAfterMs">;

/** After a successful call, waits until the adapter is ready: how it looks then, and what it still lacks. */
async function waitUntilReady(
  wait: ReadyWait,
  target: Target,
  returnedAt: number,
): Promise<{ after: After | undefined; ready: Ready; missing: string[] }> {
  const { adapter, hadGateway } = target;
  const { readyAt, adapter: now } = await wait.waiter.wait(
    adapter.guid,
    hadGateway,
    returnedAt + wait.seconds * 1000,
  );
  return {
    after: now ? { ipv4After: now.ipv4, ipv6After: now.ipv6 } : undefined,
    ready: { ready: readyAt !== null, readyAfterMs: readyAt === null ? null : readyAt - returnedAt },
    missing: readyAt === null ? missingForReady(now, hadGateway) : [],
  };
}

/** The renew's outcome, from the call's `code` and, with `wait`, the adapter's readiness. */
export async function renewOutcome(
  backend: Backend,
  target: Target,
  called: { code: number; returnedAt: number },
  wait: ReadyWait | undefined,
): Promise<AdapterOutcome> {
  const { adapter } = target;
  const { code, returnedAt } = called;
  let after = readAfter(backend, adapter);
  let ready: Ready = {};
  let missing: string[] = [];
  if (wait && code === Win32ErrorCode.ERROR_SUCCESS) {
    const waited = await waitUntilReady(wait, target, returnedAt);
    after = waited.after ?? after;
    ({ ready, missing } = waited);
  }
  // A renew that leaves only 169.254/16 did not reach a DHCP server, whatever the call returned: the
  // call's own code, or 121 where it returned 0. This wins over --wait's rule.
  if (onlyAutoconfigured(after.ipv4After)) {
    const reason =
      "No DHCP server answered: the adapter has only an autoconfiguration address (169.254.x.x). " +
      "Check the cable or Wi-Fi connection, and that this network has a DHCP server.";
    const failed = code || Win32ErrorCode.ERROR_SEM_TIMEOUT;
    return { ...outcomeOf(adapter, { status: "failed", code: failed, reason, ...after }), ...ready };
  }
  if (code !== Win32ErrorCode.ERROR_SUCCESS) {
    const reason = describeWin32Code(code, backend.formatMessage(code));
    return outcomeOf(adapter, { status: "failed", code, reason, ...after });
  }
  if (missing.length) {
    const reason = `It was renewed but not ready within ${secondsPhrase(wait!.seconds)}: it is missing ${
      missing.join(" and ")
    }.`;
    return {
      ...outcomeOf(adapter, { status: "failed", code: Win32ErrorCode.ERROR_TIMEOUT, reason, ...after }),
      ...ready,
    };
  }
  return { ...outcomeOf(adapter, { status: "done", code, reason: null, ...after }), ...ready };
}
