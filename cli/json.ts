/**
 * JSON as the CLI prints it and logs it.
 *
 * @module
 */

/** JSON as it is printed: DEL and C1 controls, which JSON.stringify leaves raw, escaped too (same value parsed). */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
