/**
 * `--json`: each command's result as one JSON document (watch: one JSON line
 * per change), nothing while it works. The human wording is never loaded.
 *
 * @module
 */

import { jsonText } from "./json.ts";
import type { CliIo } from "./io.ts";
import type { Reporter } from "./reporter.ts";

/** The reporter for `--json`. */
export function createReporter(io: CliIo): Reporter {
  const print = (value: unknown) => io.stdout(`${jsonText(value, 2)}\n`);
  return {
    list: (adapters) => print(adapters),
    flushed: () => io.stdout(`${jsonText({ operation: "flushdns", status: "done" })}\n`),
    outcome() {},
    step() {},
    flushStep() {},
    result: (result) => print(result),
    cycle: (result) => print(result),
    change: (change) => io.stdout(`${jsonText(change)}\n`),
  };
}
