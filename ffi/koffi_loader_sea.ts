/**
 * Where koffi comes from in leasectl.exe: its native module travels inside the
 * executable, as a single-executable asset, and Windows can load a DLL only
 * from a file. exe-build.ts maps ffi/koffi_loader.ts to this module.
 *
 * The file is written once, to `%LOCALAPPDATA%\leasectl\<sha256>\koffi.node`
 * (through a temporary file and a rename, so that no process ever sees half of
 * it), and its SHA-256 is checked before every load: a file whose bytes differ
 * from the embedded ones is never loaded, but written again. Nothing is loaded
 * from the current folder or from beside the executable, which may be a
 * Downloads folder that anyone can drop files into.
 *
 * @module
 */

import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import process from "node:process";
import { LibraryLoadError } from "./errors.ts";

/** koffi's API, as its types describe it (the same type as ffi/koffi_loader.ts'). */
export type Koffi = typeof import("koffi");

/** The asset's key, as exe-build.ts names it in the single-executable configuration. */
export const KOFFI_ASSET = "koffi.node";

/** `node:sea`, which only Node has (Deno type-checks this module too). */
interface SingleExecutable {
  getAsset(key: string): ArrayBuffer;
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** Whether `path` holds exactly the bytes whose SHA-256 is `hash`. */
function holds(path: string, hash: string): boolean {
  try {
    return sha256(readFileSync(path)) === hash;
  } catch {
    return false;
  }
}

/** The folder the native module is written to: the user's own, never the current one. */
function cacheFolder(hash: string): string {
  const local = process.env.LOCALAPPDATA;
  if (!local || !isAbsolute(local)) {
    throw new LibraryLoadError("koffi", [`%LOCALAPPDATA%\\leasectl\\${hash}\\${KOFFI_ASSET}`], {
      cause: new Error(
        `LOCALAPPDATA is ${local ? `not an absolute path ("${local}")` : "not set"}; set it to the user's ` +
          "AppData\\Local folder",
      ),
    });
  }
  return join(local, "leasectl", hash);
}

/** Writes `bytes` to `path` whole: into a temporary file beside it, then renamed over it. */
function writeWhole(path: string, bytes: Uint8Array, hash: string): void {
  const temporary = `${path}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, bytes, { flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    // Another leasectl may have written the same bytes first, or hold the file open.
    if (!holds(path, hash)) throw new LibraryLoadError("koffi", [path], { cause: error });
  }
}

/** Loads koffi's native module from the executable, through its checked copy on disk. */
export function loadKoffi(): Koffi {
  const sea = process.getBuiltinModule("node:sea") as SingleExecutable;
  const bytes = new Uint8Array(sea.getAsset(KOFFI_ASSET));
  const hash = sha256(bytes);
  const folder = cacheFolder(hash);
  const path = join(folder, KOFFI_ASSET);
  if (!holds(path, hash)) {
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new LibraryLoadError("koffi", [path], { cause: error });
    }
    writeWhole(path, bytes, hash);
    if (!holds(path, hash)) {
      throw new LibraryLoadError("koffi", [path], {
        cause: new Error("the file written does not hold the bytes embedded in leasectl.exe"),
      });
    }
  }
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
