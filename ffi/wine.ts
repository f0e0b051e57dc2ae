/**
 * Whether this process runs under Wine. Wine's dhcpcsvc6.dll exports the
 * Dhcpv6 functions, so GetProcAddress finds them, but they are stubs that end
 * the process when called: leasectl asks Wine's ntdll.dll, which alone exports
 * `wine_get_version`, before it calls one (docs/architecture.md).
 *
 * @module
 */

import { findProcedures } from "./thread_calls.ts";

/** The function only Wine's ntdll.dll exports. */
const WINE_MARKER = "wine_get_version";

/**
 * Whether the ntdll.dll at `ntdllPath` (in the system folder; always loaded)
 * is Wine's, through the runtime's bindings of LoadLibraryW and GetProcAddress.
 */
export function runsUnderWine<Pointer>(
  ntdllPath: string,
  loadLibraryW: (path: Uint16Array) => Pointer | null,
  getProcAddress: (module: Pointer, name: Uint8Array) => Pointer | null,
): boolean {
  try {
    findProcedures(ntdllPath, [WINE_MARKER], loadLibraryW, getProcAddress);
    return true;
  } catch {
    return false;
  }
}
