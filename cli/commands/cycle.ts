/**
 * `leasectl cycle [ADAPTER]`: release, flushdns and renew in one process. Once
 * the release has begun, a first Ctrl-C says that the renew will still run, and
 * only a second one stops leasectl (exit 130).
 *
 * @module
 */

import process from "node:process";
import { cycle, type CycleResult } from "../../mod.ts";
import { ExitCode, exitForCycle } from "../exit.ts";
import { withOutcomeLog } from "../outcome_log.ts";
import { listenToProcess } from "../signals.ts";
import type { Command } from "./context.ts";

const FINISHING =
  "leasectl is finishing the cycle, so that no adapter is left without an address: the renew " +
  "will still run. Press Ctrl-C again to stop now.\n";

/** Runs the cycle the request names. */
export const execute: Command = (request, { io, reporter }) =>
  withOutcomeLog(request.log, async (log) => {
    let interrupts = 0, stopListening: (() => void) | undefined;
    const interrupted = () => {
      if (++interrupts > 1) process.exit(ExitCode.Interrupted);
      void io.stderr(FINISHING);
    };
    let result: CycleResult;
    try {
      result = await cycle(request.adapter, {
        backend: io.backend,
        dryRun: request.dryRun,
        timeout: request.timeout,
        wait: request.wait,
        onStep(step) {
          // Once a release has begun, only a second Ctrl-C may stop the renew that follows it.
          if (step === "release" && !request.dryRun) {
            stopListening = (io.onInterrupt ?? listenToProcess)(interrupted);
          }
          reporter.step(step);
        },
        onAdapter(step, outcome) {
          log.write({ operation: step, ...outcome });
          reporter.outcome(step, outcome);
        },
        onFlush: (flushed) => reporter.flushStep(flushed),
      });
    } finally {
      stopListening?.();
    }
    log.write(result);
    await reporter.cycle(result);
    return exitForCycle(result);
  });
