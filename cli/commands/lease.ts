/**
 * `leasectl release | renew | release6 | renew6 [ADAPTER]`: one operation over
 * the adapters named, each outcome reported (and logged with --log) as it is known.
 *
 * @module
 */

import {
  type AdapterOutcome,
  type Operation,
  type OperationResult,
  release,
  release6,
  renew,
  renew6,
} from "../../mod.ts";
import { exitForResult } from "../exit.ts";
import { withOutcomeLog } from "../outcome_log.ts";
import type { Command } from "./context.ts";

const CALLS: Record<Exclude<Operation, "renew">, typeof release> = { release, release6, renew6 };

/** Runs the operation the request names. */
export const execute: Command = (request, { io, reporter }) =>
  withOutcomeLog(request.log, async (log) => {
    const { adapter, dryRun, timeout, wait } = request;
    const operation = request.command as Operation;
    const onAdapter = (outcome: AdapterOutcome) => {
      log.write({ operation, ...outcome });
      reporter.outcome(operation, outcome);
    };
    const options = { backend: io.backend, dryRun, timeout, onAdapter };
    const result: OperationResult = operation === "renew"
      ? await renew(adapter, { ...options, wait })
      : await CALLS[operation](adapter, options);
    log.write(result);
    await reporter.result(result, dryRun);
    return exitForResult(result);
  });
