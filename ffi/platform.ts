/**
 * Which runtimes leasectl can serve: Windows, 64-bit. Every struct layout in
 * ffi/layouts.ts is the 64-bit one (x64, which arm64 shares), so a 32-bit
 * runtime would misread every buffer; it is refused before anything is loaded.
 *
 * @module
 */

import { UnsupportedPlatformError } from "./errors.ts";

/** 64-bit processor architectures, as Deno (`Deno.build.arch`) and Node (`process.arch`) name them. */
const SUPPORTED = new Set(["x86_64", "aarch64", "x64", "arm64"]);

/** Throws an UnsupportedPlatformError unless `os` is Windows and `arch` a 64-bit architecture. */
export function checkArchitecture(os: string, arch: string): void {
  if (os !== "windows" && os !== "win32") throw new UnsupportedPlatformError(os);
  if (!SUPPORTED.has(arch)) throw new UnsupportedPlatformError(os, arch);
}
