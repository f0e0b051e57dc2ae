/**
 * Where leasectl finds the DLLs and the one program it uses: always in the
 * system folder, by absolute path. A bare name would be searched for in the
 * application's own folder first, so a planted `iphlpapi.dll` beside
 * `leasectl.exe` (or `deno.exe`) in Downloads would run in an elevated process.
 * kernel32.dll is the exception that makes this possible: it is a KnownDLL,
 * mapped from the system folder whatever the search order, and already loaded
 * in every process.
 *
 * @module
 */

import { LibraryLoadError } from "./errors.ts";

/** kernel32.dll, by the only name it can be opened by before the system folder is known. */
export const KERNEL32 = "kernel32.dll";

/** A path the system gives for its own folder: a drive letter or a UNC share, never relative. */
const ABSOLUTE = /^(?:[A-Za-z]:\\|\\\\)/;
const MAX_UNITS = 32_768;

/**
 * The system folder (`C:\Windows\System32`), through the runtime's binding of
 * GetSystemDirectoryW. Throws a LibraryLoadError when Windows gives no absolute path.
 */
export function systemDirectory(
  getSystemDirectoryW: (buffer: Uint16Array, size: number) => unknown,
): string {
  let units = new Uint16Array(260);
  let length = getSystemDirectoryW(units, units.length) as number;
  if (length > units.length && length <= MAX_UNITS) {
    units = new Uint16Array(length); // the size asked for, the NUL included
    length = getSystemDirectoryW(units, units.length) as number;
  }
  const directory = length > 0 && length < units.length
    ? String.fromCharCode(...units.subarray(0, length))
    : "";
  if (!ABSOLUTE.test(directory)) {
    throw new LibraryLoadError("the system folder", ["GetSystemDirectoryW"]);
  }
  return directory.replace(/\\+$/, "");
}

/** `file` in the system folder `directory`. */
export function systemFile(directory: string, file: string): string {
  return `${directory}\\${file}`;
}
