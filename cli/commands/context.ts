/**
 * What every command module is given, and the shape each one exports.
 *
 * @module
 */

import type { CliIo } from "../io.ts";
import type { CommandRequest } from "../parse.ts";
import type { Reporter } from "../reporter.ts";

/** Where a command writes, and how it reports. */
export interface CommandContext {
  io: CliIo;
  reporter: Reporter;
}

/** A command: runs `request`, and returns the exit status. */
export type Command = (request: CommandRequest, context: CommandContext) => Promise<number>;
