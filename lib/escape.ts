/**
 * What keeps text from Windows and from the user from reaching a terminal raw.
 * Adapter names and descriptions come from drivers, VPN clients and anyone who
 * may rename an adapter; an escape sequence in one could clear the screen,
 * retitle the window or forge a line of output. Human output shows every
 * control character escaped; JSON keeps the exact string.
 *
 * @module
 */

/** C0 controls, DEL and C1 controls: what a terminal may act on. Matching them is the point. */
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** The same, but for newline and tab, which a block of output may hold. */
// deno-lint-ignore no-control-regex
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

const escapeOne = (character: string) =>
  NAMED[character] ??
    `\\x${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;

/** One value for a line of human output: every control character shown escaped, as `\x1B` or `\n`. */
export function shown(value: string): string {
  return value.replace(CONTROL, escapeOne);
}

/** A block of human output: control characters escaped, but for its own newlines and tabs. */
export function safeForTerminal(text: string): string {
  return text.replace(CONTROL_BUT_LAYOUT, escapeOne);
}

/** How much of an echoed value a message shows, in characters. */
export const MAX_ECHOED = 80;

/** A value echoed in a message: escaped, and cut to {@linkcode MAX_ECHOED} characters. */
export function shownInMessage(value: string): string {
  const characters = Array.from(shown(String(value)));
  return characters.length > MAX_ECHOED
    ? `${characters.slice(0, MAX_ECHOED - 1).join("")}…`
    : characters.join("");
}
