/**
 * A console program's output as text. Redirected, ipconfig writes in the
 * console's code page (the OEM code page where there is no console): 850 on a
 * German Windows, 866 on a Russian one, 936 on a Chinese one. Read as UTF-8, a
 * failure reason or an adapter's name would turn into U+FFFD, so the bytes are
 * decoded as Windows encoded them, with MultiByteToWideChar.
 *
 * @module
 */

/** The kernel32.dll functions that decoding needs, as the runtime binds them. */
export interface ConsoleTextApi {
  /** GetConsoleOutputCP(): the console's output code page, 0 with no console. */
  GetConsoleOutputCP(): number;
  /** GetOEMCP(): the system's OEM code page. */
  GetOEMCP(): number;
  /** MultiByteToWideChar(CodePage, dwFlags, lpMultiByteStr, cbMultiByte, lpWideCharStr, cchWideChar). */
  MultiByteToWideChar(
    codePage: number,
    flags: number,
    text: Uint8Array,
    bytes: number,
    wide: Uint16Array | null,
    units: number,
  ): number;
}

/** The code page a console program run by leasectl writes its redirected output in. */
export function consoleCodePage(api: ConsoleTextApi): number {
  return api.GetConsoleOutputCP() || api.GetOEMCP();
}

/**
 * `bytes`, written in the console's code page, as text. Where Windows cannot
 * convert them (a code page it lacks), they are read as UTF-8, with U+FFFD for
 * what is not: a reason that shows something beats none.
 */
export function decodeConsoleText(api: ConsoleTextApi, bytes: Uint8Array): string {
  if (bytes.length === 0) return "";
  const codePage = consoleCodePage(api);
  const units = api.MultiByteToWideChar(codePage, 0, bytes, bytes.length, null, 0);
  if (units > 0) {
    const wide = new Uint16Array(units);
    const written = api.MultiByteToWideChar(codePage, 0, bytes, bytes.length, wide, units);
    if (written > 0) return new TextDecoder("utf-16le").decode(wide.subarray(0, written));
  }
  return new TextDecoder().decode(bytes);
}
