/**
 * What the tests that drive Wine from Linux share: the environment of every Wine run, a
 * wineserver kept warm, and scratch files removed when the suite ends. Wine's helper processes
 * (services, winedevice) start with the first program and keep its standard streams, so that
 * first program is a quiet one: otherwise they would hold a test's pipe open for good.
 * tests/rig/run.sh ends the wineserver, and the helpers with it, after the suite.
 */

import { CACHE } from "../../harness/paths.ts";

/**
 * The environment every Wine run shares. Deno's node shim is off: under Wine each deno.exe
 * run would leave a 93 MB copy of itself in %LOCALAPPDATA%\deno\node_compat_bin.
 */
export const WINE_ENV = { WINEPREFIX: `${CACHE}/prefix`, WINEDEBUG: "-all", DENO_DISABLE_NODE_SHIM: "1" };

const scratch: string[] = [];
// Removed when the suite's process ends, whether its tests passed or not.
globalThis.addEventListener("unload", () => {
  for (const path of scratch) Deno.removeSync(path, { recursive: true });
});
/** A new empty file, removed when the suite ends. */
export async function scratchFile(prefix: string): Promise<string> {
  const path = await Deno.makeTempFile({ prefix });
  scratch.push(path);
  return path;
}
/** A new empty folder, removed with all it holds when the suite ends. */
export async function scratchDir(prefix: string): Promise<string> {
  const path = await Deno.makeTempDir({ prefix });
  scratch.push(path);
  return path;
}

const quiet = { env: WINE_ENV, stdin: "null", stdout: "null", stderr: "null" } as const;
// -p takes its number only when attached: Debian's wrapper passes -p0 (never exit) before it.
await new Deno.Command("wineserver", { args: ["-p120"], ...quiet }).output();
await new Deno.Command("/usr/lib/wine/wine64", { args: ["cmd", "/c", "exit"], ...quiet }).output();
