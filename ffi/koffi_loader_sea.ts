/**
 * Where koffi comes from in leasectl.exe: its native module travels inside the
 * executable's launcher (launcher/launcher.c), which puts it beside the runtime
 * as `leasectl-<id>.node`, in the folder it checked (when elevated, one only
 * SYSTEM and Administrators can write), and holds it open without write or
 * delete sharing, compared byte for byte with its payload, until this process
 * exits: nobody can change the file between that check and this load.
 * exe-build.ts maps ffi/koffi_loader.ts to this module.
 *
 * The path is this executable's own, never one from the environment, the
 * current folder or the folder leasectl.exe sits in (docs/trust.md).
 *
 * @module
 */

import process from "node:process";
import { LibraryLoadError } from "./errors.ts";

/** koffi's API, as its types describe it (the same type as ffi/koffi_loader.ts'). */
export type Koffi = typeof import("koffi");

/** The native module's path: the runtime's own, with `.node` for `.exe`. */
function koffiPath(executable: string): string {
  return `${executable.replace(/\.exe$/i, "")}.node`;
}

/** Loads koffi's native module from beside the runtime, where the launcher holds it. */
export function loadKoffi(): Koffi {
  const path = koffiPath(process.execPath);
  const module = { exports: {} };
  try {
    process.dlopen(module, path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_DLOPEN_DISABLED" || code === "ERR_ACCESS_DENIED") throw error;
    throw new LibraryLoadError("koffi", [path], { cause: error });
  }
  return module.exports as Koffi;
}
