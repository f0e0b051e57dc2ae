/**
 * Human output: each adapter's line as soon as it is known, then a summary,
 * in ipconfig's words (cli/list_text.ts, cli/outcome_text.ts, cli/watch_text.ts).
 *
 * @module
 */

import { ELEVATE, isAccessDenied } from "../ffi/win32_errors.ts";
import type { CliIo } from "./io.ts";
import type { Reporter } from "./reporter.ts";
import { describeList } from "./list_text.ts";
import { describeCycle, describeFlush, describeOutcome, describeResult } from "./outcome_text.ts";
import { describeChange } from "./watch_text.ts";

const STEP_HEADINGS = {
  release: "Releasing:",
  flushdns: "Flushing the DNS Resolver Cache:",
  renew: "Renewing:",
};

/** The reporter for human text. */
export function createReporter(io: CliIo): Reporter {
  // Lines shown as the work goes are written in order; a summary waits until they are handed over.
  const pending: Promise<void>[] = [];
  const show = (line: string) => void pending.push(io.stdout(line));
  const afterShown = async (text: string) => {
    await Promise.all(pending);
    await io.stdout(text);
  };
  return {
    // The host section heads the whole list, as in ipconfig /all; without it the adapters still show.
    list: async (adapters, readHost) => await io.stdout(describeList(adapters, await readHost())),
    flushed: () => io.stdout("Flushed the DNS Resolver Cache.\n"),
    outcome: (operation, outcome) => show(describeOutcome(operation, outcome)),
    step: (step) => show(`${STEP_HEADINGS[step]}\n`),
    flushStep: (flushed) => show(describeFlush(flushed)),
    async result(result, dryRun) {
      await afterShown(describeResult(result, dryRun));
      if (result.adapters.some((outcome) => isAccessDenied(outcome.code))) await io.stderr(`${ELEVATE}\n`);
    },
    cycle: (result) => afterShown(describeCycle(result)),
    change: (change) => io.stdout(describeChange(change)),
  };
}
