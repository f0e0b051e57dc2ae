/**
 * What the tests that drive Wine from Linux share: the rig's paths, and a
 * wineserver kept warm. Wine's helper processes (services, winedevice) start
 * with the first program and keep its standard streams, so that first program
 * is a quiet one: otherwise they would hold a test's pipe open for good.
 */

import { fileURLToPath } from "node:url";

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The rig's folder, as tests/windows/setup.sh fills it. */
export const CACHE = local("../../.cache/windows");
const denoVersion = JSON.parse(await Deno.readTextFile(local("../../package.json"))).devDependencies.deno;
/** The Windows deno.exe, patched for wine 8.0. */
export const DENO_EXE = `${CACHE}/deno-${denoVersion}/deno.exe`;
/** The Iphlpapi test double. */
export const DOUBLE_DLL = `${CACHE}/build/iphlpapi_double.dll`;
/** A path inside the project. */
export const projectPath = (path: string): string => local(`../../${path}`);
/** The Windows name of a Linux path, through Wine's Z: drive. */
export const windowsPath = (path: string): string => `Z:${path.replaceAll("/", "\\")}`;
/** The environment every Wine run shares. */
export const WINE_ENV = { WINEPREFIX: `${CACHE}/prefix`, WINEDEBUG: "-all" };

const quiet = { env: WINE_ENV, stdin: "null", stdout: "null", stderr: "null" } as const;
await new Deno.Command("wineserver", { args: ["-p", "120"], ...quiet }).output();
await new Deno.Command("/usr/lib/wine/wine64", { args: ["cmd", "/c", "exit"], ...quiet }).output();
