/**
 * Adapter selection, as docs/contracts.md has it: a GUID or device name; a
 * whole number, the interface index; otherwise a pattern on the friendly name,
 * matched like ipconfig: case-insensitive, whole name, `*` any run, `?` one character.
 *
 * @module
 */

import { AdapterNotFoundError, InvalidArgumentError } from "./errors.ts";
import type { Adapter } from "./types.ts";

/** Longer than any name Windows gives an adapter (IF_MAX_STRING_SIZE is 256). */
export const MAX_ADAPTER_ARGUMENT = 256;

const GUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;
const DEVICE_NAME = /^\\device\\tcpip_(\{[^}]*\})$/i;
const INDEX = /^[0-9]+$/;

/** Throws an InvalidArgumentError unless `argument` could name an adapter. */
export function checkAdapterArgument(argument: string): void {
  const problem = typeof argument !== "string"
    ? "must be a string"
    : argument.trim() === ""
    ? "is empty"
    : argument.length > MAX_ADAPTER_ARGUMENT
    ? `is ${argument.length} characters long, longer than any adapter name (${MAX_ADAPTER_ARGUMENT})`
    : argument.includes("\0")
    ? "contains a NUL character"
    : !argument.isWellFormed()
    ? "contains a lone UTF-16 surrogate, which no adapter name has"
    : undefined;
  if (problem) {
    throw new InvalidArgumentError(
      `The adapter argument ${problem}. Give a name such as "Ethernet" (wildcards * and ? work), ` +
        "an interface index, or a GUID; leasectl list shows them.",
    );
  }
}

/** Counts the steps of a match, for tests that bound them. */
export interface MatchSteps {
  steps: number;
}

/**
 * Whether `name` matches the ipconfig pattern `pattern`: case-insensitive,
 * whole name, `*` any run of characters, `?` one character. Two pointers and
 * the last star, no RegExp: every step moves forward in the name or the
 * pattern, or goes back to just after the last star, so a pattern of n
 * characters takes at most (n + 1) steps per character of the name, whatever
 * it holds (a RegExp of `*`s backtracks exponentially).
 */
export function matchesPattern(pattern: string, name: string, counter?: MatchSteps): boolean {
  const p = Array.from(pattern.toLowerCase()), n = Array.from(name.toLowerCase());
  let at = 0, of = 0, star = -1, resume = 0;
  while (of < n.length) {
    if (counter) counter.steps++;
    if (at < p.length && p[at] === "*") {
      star = at++;
      resume = of;
    } else if (at < p.length && (p[at] === "?" || p[at] === n[of])) {
      at++;
      of++;
    } else if (star >= 0) {
      at = star + 1;
      of = ++resume;
    } else {
      return false;
    }
  }
  while (at < p.length && p[at] === "*") at++;
  return at === p.length;
}

/** Whether a friendly name holds a character that ipconfig reads as a wildcard. */
export const hasWildcard = (name: string): boolean => name.includes("*") || name.includes("?");

/**
 * The adapters `argument` names. A name that equals an adapter's exactly
 * (ignoring case) selects that adapter alone, so a literal `*` in a name still
 * works; otherwise `*` and `?` are wildcards.
 */
export function selectAdapters(adapters: readonly Adapter[], argument: string): Adapter[] {
  checkAdapterArgument(argument);
  const guid = GUID.test(argument) ? argument : DEVICE_NAME.exec(argument)?.[1];
  let selected: Adapter[];
  if (guid !== undefined) {
    selected = adapters.filter((adapter) => adapter.guid.toLowerCase() === guid.toLowerCase());
  } else if (INDEX.test(argument)) {
    selected = adapters.filter((adapter) => adapter.index === Number(argument));
  } else {
    const exact = argument.toLowerCase();
    selected = adapters.filter((adapter) => adapter.friendlyName.toLowerCase() === exact);
    if (selected.length === 0) {
      selected = adapters.filter((adapter) => matchesPattern(argument, adapter.friendlyName));
    }
  }
  if (selected.length === 0) {
    throw new AdapterNotFoundError(argument, adapters.map((adapter) => adapter.friendlyName));
  }
  return selected;
}
