/**
 * `ipconfig /release6` and `/renew6` for one adapter, by its exact friendly
 * name: Windows offers no function for DHCPv6 leases. Its output is never
 * parsed for success (its exit status decides), only quoted.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import { beforeDeadline, type CallResult, TIMED_OUT } from "./deadline.ts";
import { hasWildcard, matchesPattern } from "./select.ts";
import type { Adapter } from "./types.ts";

/**
 * ipconfig's message, on one line: its last paragraph. Windows' ipconfig heads
 * its output with a (localized) title paragraph and ends with the error.
 */
function ipconfigMessage(output: string): string {
  const paragraphs = output.replaceAll("\r\n", "\n").split(/\n\s*\n/).map((block) =>
    block.split("\n").map((line) => line.trim()).filter(Boolean).join(" ")
  ).filter(Boolean);
  return paragraphs.at(-1) ?? "";
}

/** What an IPv6 call needs besides the adapter. */
export interface IpconfigCall {
  backend: Backend;
  operation: "release6" | "renew6";
  /** Every adapter Windows lists: a name ipconfig reads as a pattern must match no other. */
  listed: readonly Adapter[];
  deadline: number;
}

/** The other adapters ipconfig would act on too, given `adapter`'s name: it reads * and ? as wildcards. */
function alsoMatched(adapter: Adapter, listed: readonly Adapter[]): Adapter[] {
  if (!hasWildcard(adapter.friendlyName)) return [];
  return listed.filter((other) =>
    other !== adapter && matchesPattern(adapter.friendlyName, other.friendlyName)
  );
}

/** Releases or renews `adapter`'s DHCPv6 lease through ipconfig: what became of the run. */
export async function callIpconfig(call: IpconfigCall, adapter: Adapter): Promise<CallResult> {
  const { backend, operation, deadline } = call;
  const others = alsoMatched(adapter, call.listed);
  if (others.length) {
    return {
      kind: "failed",
      code: Win32ErrorCode.ERROR_INVALID_PARAMETER,
      reason: `Its name holds * or ?, which ipconfig reads as wildcards, and it would also match ` +
        `${
          others.map((other) => other.friendlyName).join(", ")
        }; leasectl will not act on more than was asked.`,
    };
  }
  if (Date.now() >= deadline) return { kind: "timedOut", started: false };
  const stop = new AbortController();
  const run = backend.runIpconfig([`/${operation}`, adapter.friendlyName], stop.signal);
  let result;
  try {
    result = await beforeDeadline(run, deadline);
  } catch (error) {
    return {
      kind: "failed",
      code: Win32ErrorCode.ERROR_FUNCTION_FAILED,
      reason: `Could not run ipconfig: ${(error as Error).message}`,
    };
  }
  if (result === TIMED_OUT) {
    stop.abort(); // ipconfig still running at the deadline is killed
    run.catch(() => {});
    return { kind: "timedOut", started: true };
  }
  if (result.exitCode === 0) return { kind: "returned", code: 0, returnedAt: Date.now() };
  const reason = ipconfigMessage(result.output) ||
    `ipconfig /${operation} exited with status ${result.exitCode}.`;
  return { kind: "failed", code: Win32ErrorCode.ERROR_FUNCTION_FAILED, reason };
}
