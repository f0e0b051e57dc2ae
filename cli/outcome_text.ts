/**
 * The human lines of release, renew, release6, renew6 and cycle: one per
 * adapter as soon as its outcome is known, and a summary, in ipconfig's words.
 * Every value from Windows or the user is shown through {@linkcode shown}.
 *
 * @module
 */

import { win32ErrorName } from "../ffi/win32_errors.ts";
import { shown } from "../lib/escape.ts";
import { PAST } from "../lib/outcome.ts";
import {
  type AdapterOutcome,
  type CycleResult,
  type FlushDnsOutcome,
  type Operation,
  type OperationResult,
  ReturnValue,
} from "../mod.ts";

const addresses = (list: readonly string[] | null) =>
  list === null ? "unknown" : list.length ? list.map(shown).join(", ") : "none";

/** One line for an adapter's outcome, printed as soon as it is known. */
export function describeOutcome(operation: Operation, outcome: AdapterOutcome): string {
  const name = shown(outcome.friendlyName);
  if (outcome.status === "skipped") return `${name}: skipped. ${shown(outcome.reason ?? "")}\n`;
  const [family, before, after] = operation.endsWith("6")
    ? ["IPv6", outcome.ipv6Before, outcome.ipv6After]
    : ["IPv4", outcome.ipv4Before, outcome.ipv4After];
  if (outcome.status === "done") {
    const ready = outcome.readyAfterMs != null ? `; ready after ${outcome.readyAfterMs} ms` : "";
    return `${name}: ${PAST[operation]}. ${family} ${addresses(before)} -> ${addresses(after)}${ready}\n`;
  }
  return `${name}: failed (${win32ErrorName(outcome.code)}, ${outcome.code}). ${
    shown(outcome.reason ?? "")
  }\n`;
}

const plural = (count: number) => `${count} ${count === 1 ? "adapter" : "adapters"}`;

/** The closing summary of a release or renew. */
export function describeResult(result: OperationResult, dryRun: boolean): string {
  const { operation, returnValue, adapters } = result;
  if (returnValue === ReturnValue.DhcpNotEnabled) {
    return `No adapter is in the state permissible for this operation: none of those selected has DHCP enabled ` +
      `(return value ${returnValue}).\n`;
  }
  if (returnValue === ReturnValue.IpNotEnabled && operation.endsWith("6")) {
    return `No adapter is in the state permissible for this operation: none of those selected has IPv6 enabled ` +
      `(return value ${returnValue}).\n`;
  }
  if (dryRun) {
    const planned = adapters.filter((outcome) => outcome.planned).length;
    return `Dry run: ${plural(planned)} would be ${PAST[operation]}; nothing was changed.\n`;
  }
  const done = adapters.filter((outcome) => outcome.status === "done").length;
  const failed = adapters.filter((outcome) => outcome.status === "failed").length;
  const verb = PAST[operation][0].toUpperCase() + PAST[operation].slice(1);
  const failures = failed ? `; ${failed} failed` : "";
  return `${verb} ${done} of ${plural(done + failed)}${failures} (return value ${returnValue}).\n`;
}

/** The flushdns step's line. */
export function describeFlush(flushed: FlushDnsOutcome): string {
  return flushed.status === "done"
    ? "Flushed the DNS Resolver Cache.\n"
    : `Could not flush the DNS Resolver Cache (${win32ErrorName(flushed.code)}, ${flushed.code}). ` +
      `${shown(flushed.reason ?? "")}\n`;
}

/** The closing summary of a cycle. */
export function describeCycle(result: CycleResult): string {
  const count = (step: OperationResult) =>
    step.adapters.filter((outcome) => outcome.status === "done").length;
  return `Cycle: released ${count(result.release)}, renewed ${count(result.renew)} of ` +
    `${plural(result.renew.adapters.length)}; DNS cache ${
      result.flushdns.status === "done" ? "flushed" : "not flushed"
    } ` +
    `(return value ${result.returnValue}).\n`;
}
