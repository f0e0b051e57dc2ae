#!/usr/bin/env -S deno run --allow-ffi
/**
 * The leasectl command line: `list`, `release`, `renew`, `release6`, `renew6`,
 * `cycle`, `flushdns` and `watch`, as ipconfig has them, with JSON output and
 * exit codes that scripts can rely on.
 *
 * ```sh
 * deno run --allow-ffi jsr:@leasectl/leasectl/cli renew "Ethernet*" --timeout 60 --wait 30
 * ```
 *
 * It uses `node:` modules for its arguments, streams, files and exit code, so
 * that the same file runs in the npm build on Node. The work is in cli/: the
 * parser, one module per command, the reporters, the outcome log and the exit
 * statuses.
 *
 * @module
 */

import process from "node:process";
import { exitForError } from "./cli/exit.ts";
import { type CliIo, ignoreStreamErrors, processIo, terminalSafe } from "./cli/io.ts";
import { parseCommandLine, UsageError } from "./cli/parse.ts";
import { runCommandLine } from "./cli/run.ts";

export { ExitCode } from "./cli/exit.ts";
export type { CliIo } from "./cli/io.ts";

/** Runs the CLI with `args` (without the program name), and returns its exit status. */
export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  const line = parseCommandLine(args);
  // Nothing from Windows or the user reaches a terminal raw: human text is escaped at the sink, as the
  // parsed request says (a positional "--json" after "--" is no request for JSON).
  const safe = terminalSafe(io, !(line instanceof UsageError) && "json" in line && line.json);
  try {
    if (line instanceof UsageError) throw line;
    return await runCommandLine(line, safe);
  } catch (error) {
    const [code, message] = exitForError(error);
    await safe.stderr(`leasectl: ${message}\n`);
    return code;
  }
}

if (import.meta.main) {
  ignoreStreamErrors();
  // Exit at once: a renew that ran past --timeout is still pending, and must not hold the process.
  process.exit(await main(process.argv.slice(2)));
}
