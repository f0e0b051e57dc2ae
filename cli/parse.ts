/**
 * The command line, read: a pure function from the arguments to what they ask
 * for, or to the usage error that says what is wrong with them. It prints
 * nothing and touches nothing, so that it is tested on its own (as std's
 * `cli/parse_args.ts` is).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { shownInMessage } from "../lib/escape.ts";

/** The commands, in the order `--help` lists them. */
export const COMMANDS = [
  "list",
  "release",
  "renew",
  "release6",
  "renew6",
  "cycle",
  "flushdns",
  "watch",
] as const;
/** A command's name. */
export type CommandName = typeof COMMANDS[number];

/** What a command line asks a command to do. */
export interface CommandRequest {
  command: CommandName;
  /** The adapter argument, as typed. */
  adapter: string | undefined;
  json: boolean;
  dryRun: boolean;
  /** --timeout, in seconds. */
  timeout: number | undefined;
  /** --wait, in seconds. */
  wait: number | undefined;
  /** --log: the file to append outcomes to. */
  log: string | undefined;
}

/** What a command line asks for: help, the version, or a command. */
export type CommandLine = { command: "help" } | { command: "version" } | CommandRequest;

/** A command line that asks for nothing leasectl does; its message says what is wrong. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Which command takes which option. */
const TAKES: Record<string, readonly CommandName[]> = {
  "dry-run": ["release", "renew", "release6", "renew6", "cycle"],
  timeout: ["release", "renew", "release6", "renew6", "cycle", "watch"],
  wait: ["renew", "cycle"],
  log: ["release", "renew", "release6", "renew6", "cycle"],
};

/** Decimal seconds: "30", "2.5", ".5"; not "0x10", "1e3" or " 5 ". */
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

const listed = (items: readonly string[]) =>
  items.length === 1 ? items[0] : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

/** The seconds an option's value gives, or the usage error for a value that is not a positive decimal. */
function parseSeconds(option: string, value: string | undefined): number | undefined | UsageError {
  if (value === undefined) return undefined;
  if (!DECIMAL.test(value) || Number(value) <= 0) {
    return new UsageError(
      `--${option} takes a number of seconds above 0, such as 30; got "${shownInMessage(value)}".`,
    );
  }
  return Number(value);
}

/** parseArgs' error, in leasectl's words. */
function parseArgsProblem(error: unknown): UsageError {
  const message = String((error as Error).message);
  // A value error: the value is missing, or looks like an option ("-1"). parseArgs quotes the option,
  // with " <value>" after it where the value is missing.
  const valued = (error as { code?: string }).code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
    ? /'--(timeout|wait|log)(?: <value>)?'/.exec(message)?.[1]
    : undefined;
  if (valued === "log") return new UsageError("--log takes the path of a file to append to.");
  if (valued) return new UsageError(`--${valued} takes a number of seconds above 0, such as 30.`);
  // Otherwise parseArgs' first sentence names the option; its advice about "--" does not apply here.
  const first = message.split(/(?<=\.)\s/)[0].replace(/\.$/, "");
  return new UsageError(`${shownInMessage(first)}.`);
}

function readArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      "dry-run": { type: "boolean" },
      timeout: { type: "string" },
      wait: { type: "string" },
      log: { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "V" },
    },
  });
}

/** What `args` (the arguments without the program name) ask for, or the usage error that says why not. */
export function parseCommandLine(args: string[]): CommandLine | UsageError {
  let parsed;
  try {
    parsed = readArgs(args);
  } catch (error) {
    return parseArgsProblem(error);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  if (command === undefined) return new UsageError("No command given.");
  if (!(COMMANDS as readonly string[]).includes(command)) {
    return new UsageError(
      `Unknown command "${shownInMessage(command)}". The commands are ${COMMANDS.join(", ")}.`,
    );
  }
  const name = command as CommandName;
  const maxAdapters = name === "flushdns" ? 0 : 1;
  if (rest.length > maxAdapters) {
    return new UsageError(
      maxAdapters
        ? `${name} takes at most one adapter, and got ${rest.length}. Quote a name that has spaces.`
        : `${name} takes no adapter.`,
    );
  }
  for (const [option, commands] of Object.entries(TAKES)) {
    if (values[option as keyof typeof values] !== undefined && !commands.includes(name)) {
      return new UsageError(`--${option} applies only to ${listed(commands)}.`);
    }
  }
  const timeout = parseSeconds("timeout", values.timeout);
  if (timeout instanceof UsageError) return timeout;
  const wait = parseSeconds("wait", values.wait);
  if (wait instanceof UsageError) return wait;
  return {
    command: name,
    adapter: rest[0],
    json: values.json ?? false,
    dryRun: values["dry-run"] ?? false,
    timeout,
    wait,
    log: values.log,
  };
}
