/**
 * Adapter selection, as docs/contracts.md has it: a GUID or device name; a
 * whole number, the interface index; otherwise a pattern on the friendly name,
 * matched like ipconfig: case-insensitive, whole name, `*` any run, `?` one character.
 *
 * An argument is checked and read once, by {@linkcode parseAdapterArgument},
 * before anything is read from Windows; {@linkcode selectAdapters} then applies it
 * to as many readings as the caller needs (watch reads again at every change).
 *
 * @module
 */

import { AdapterNotFoundError, InvalidArgumentError } from "./errors.ts";
import type { Adapter } from "./types.ts";

/** Longer than any name Windows gives an adapter (IF_MAX_STRING_SIZE is 256). */
export const MAX_ADAPTER_ARGUMENT = 256;

const GUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;
/** What a user types for a device name, `\DEVICE\TCPIP_{…}`: the braces and what they hold, unchecked. */
const TCPIP_DEVICE_ARGUMENT = /^\\device\\tcpip_(\{[^}]*\})$/i;
const INDEX = /^[0-9]+$/;

/** An adapter argument, checked and read: which of the three kinds it is. */
export type AdapterArgument =
  /** A GUID, from `{…}` or `\DEVICE\TCPIP_{…}`, upper case as adapters hold theirs. */
  | { kind: "guid"; text: string; guid: string }
  /** An interface index. */
  | { kind: "index"; text: string; index: number }
  /** A friendly name, or a pattern with `*` and `?`. */
  | { kind: "name"; text: string };

/** Throws an InvalidArgumentError unless `argument` could name an adapter. */
function checkAdapterArgument(argument: string): void {
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

/** Checks `argument` and reads which kind it is; throws an InvalidArgumentError where it could name no adapter. */
export function parseAdapterArgument(argument: string): AdapterArgument {
  checkAdapterArgument(argument);
  const guid = GUID.test(argument) ? argument : TCPIP_DEVICE_ARGUMENT.exec(argument)?.[1];
  if (guid !== undefined) return { kind: "guid", text: argument, guid: guid.toUpperCase() };
  if (INDEX.test(argument)) return { kind: "index", text: argument, index: Number(argument) };
  return { kind: "name", text: argument };
}

/**
 * Whether the name `name` matches the pattern `pattern`, both given as code
 * points already lower-cased. Two pointers and the last star, no RegExp: every
 * step moves forward in the name or the pattern, or goes back to just after the
 * last star, so a pattern of m code points takes at most (m + 1) steps per code
 * point of the name, whatever it holds (a RegExp of `*`s backtracks
 * exponentially). Each step reads `name.length`: a test that counts the reads
 * of the arrays it passes bounds the steps without a counter in here.
 */
export function matchCodePoints(pattern: readonly string[], name: readonly string[]): boolean {
  let at = 0, of = 0, star = -1, resume = 0;
  while (of < name.length) {
    if (at < pattern.length && pattern[at] === "*") {
      star = at++;
      resume = of;
    } else if (at < pattern.length && (pattern[at] === "?" || pattern[at] === name[of])) {
      at++;
      of++;
    } else if (star >= 0) {
      at = star + 1;
      of = ++resume;
    } else {
      return false;
    }
  }
  while (at < pattern.length && pattern[at] === "*") at++;
  return at === pattern.length;
}

/**
 * Whether `name` matches the ipconfig pattern `pattern`: case-insensitive,
 * whole name, `*` any run of characters, `?` one character; in time linear in
 * the name's length (see {@linkcode matchCodePoints}).
 */
export function matchesPattern(pattern: string, name: string): boolean {
  return matchCodePoints(Array.from(pattern.toLowerCase()), Array.from(name.toLowerCase()));
}

/** Whether a friendly name holds a character that ipconfig reads as a wildcard. */
export const hasWildcard = (name: string): boolean => name.includes("*") || name.includes("?");

/**
 * The adapters `wanted` names. A name that equals an adapter's exactly
 * (ignoring case) selects that adapter alone, so a literal `*` in a name still
 * works; otherwise `*` and `?` are wildcards. Throws an AdapterNotFoundError
 * when it names none.
 */
export function selectAdapters(adapters: readonly Adapter[], wanted: AdapterArgument): Adapter[] {
  let selected: Adapter[];
  if (wanted.kind === "guid") {
    selected = adapters.filter((adapter) => adapter.guid === wanted.guid);
  } else if (wanted.kind === "index") {
    selected = adapters.filter((adapter) => adapter.index === wanted.index);
  } else {
    const exact = wanted.text.toLowerCase();
    selected = adapters.filter((adapter) => adapter.friendlyName.toLowerCase() === exact);
    if (selected.length === 0) {
      selected = adapters.filter((adapter) => matchesPattern(wanted.text, adapter.friendlyName));
    }
  }
  if (selected.length === 0) {
    throw new AdapterNotFoundError(wanted.text, adapters.map((adapter) => adapter.friendlyName));
  }
  return selected;
}
