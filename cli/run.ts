/**
 * Runs what a command line asks for: help and the version at once; a command
 * with its module and the reporter it asked for, each loaded only when it is
 * used (a script that asks for `list --json` never loads the human wording, and
 * `renew` never loads `watch`).
 *
 * @module
 */

import { VERSION } from "../mod.ts";
import type { Command } from "./commands/context.ts";
import { ExitCode } from "./exit.ts";
import type { CliIo } from "./io.ts";
import type { CommandLine, CommandName } from "./parse.ts";
import type { ReporterFactory } from "./reporter.ts";
import { USAGE } from "./usage.ts";

type Loader<T> = () => Promise<T>;

const lease: Loader<{ execute: Command }> = () => import("./commands/lease.ts");

/** Each command's module. */
const COMMAND_MODULES: Record<CommandName, Loader<{ execute: Command }>> = {
  list: () => import("./commands/list.ts"),
  release: lease,
  renew: lease,
  release6: lease,
  renew6: lease,
  cycle: () => import("./commands/cycle.ts"),
  flushdns: () => import("./commands/flushdns.ts"),
  watch: () => import("./commands/watch.ts"),
};

const reporterModule = (json: boolean): Promise<{ createReporter: ReporterFactory }> =>
  json ? import("./json_reporter.ts") : import("./human_reporter.ts");

/** Runs `line`, writing to `io`; returns the exit status. Errors are thrown, for the caller to explain. */
export async function runCommandLine(line: CommandLine, io: CliIo): Promise<number> {
  if (line.command === "help") {
    await io.stdout(USAGE);
    return ExitCode.Success;
  }
  if (line.command === "version") {
    await io.stdout(`leasectl ${VERSION}\n`);
    return ExitCode.Success;
  }
  const [{ createReporter }, { execute }] = await Promise.all([
    reporterModule(line.json),
    COMMAND_MODULES[line.command](),
  ]);
  return await execute(line, { io, reporter: createReporter(io) });
}
