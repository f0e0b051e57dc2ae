/**
 * What the commands tell the user, as one interface with two implementations:
 * human text (cli/human_reporter.ts, worded like ipconfig) and JSON
 * (cli/json_reporter.ts). A command calls the reporter at each point of its
 * work and never asks which one it has; only the one asked for is loaded.
 *
 * @module
 */

import type {
  Adapter,
  AdapterOutcome,
  CycleResult,
  CycleStep,
  FlushDnsOutcome,
  HostInfo,
  Operation,
  OperationResult,
  WatchEvent,
} from "../mod.ts";
import type { CliIo } from "./io.ts";

/** How the commands report, as they go and at the end. */
export interface Reporter {
  /** `list`: the adapters; `readHost` reads the host section, for a reporter that shows it. */
  list(adapters: readonly Adapter[], readHost: () => Promise<HostInfo | undefined>): Promise<void>;
  /** `flushdns` succeeded. */
  flushed(): Promise<void>;
  /** One adapter's outcome, as soon as it is known. */
  outcome(operation: Operation, outcome: AdapterOutcome): void;
  /** A cycle's step begins. */
  step(step: CycleStep): void;
  /** A cycle's flushdns step ended. */
  flushStep(flushed: FlushDnsOutcome): void;
  /** A release or renew ended, with `result`; once every line reported before it is written. */
  result(result: OperationResult, dryRun: boolean): Promise<void>;
  /** A cycle ended, with `result`; once every line reported before it is written. */
  cycle(result: CycleResult): Promise<void>;
  /** `watch`: one change. */
  change(change: WatchEvent): Promise<void>;
}

/** Makes a reporter that writes to `io`. */
export type ReporterFactory = (io: CliIo) => Reporter;
