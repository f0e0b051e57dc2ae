/**
 * Where koffi comes from, as a seam of its own: in the npm package, the
 * `koffi` dependency beside it. leasectl.exe's build maps this module to
 * ffi/koffi_loader_sea.ts, which takes koffi's native module from inside the
 * executable instead (as the npm build maps Deno's backend to Node's).
 *
 * @module
 */

import { createRequire } from "node:module";

/** koffi's API, as its types describe it. */
export type Koffi = typeof import("koffi");

/** Loads koffi, on first use only: the callers cache it. */
export function loadKoffi(): Koffi {
  return createRequire(import.meta.url)("koffi") as Koffi;
}
