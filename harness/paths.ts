/**
 * Where the tests and benchmarks find the project and the Wine rig, as tests/windows/setup.sh
 * fills .cache/windows. It works on Linux and in deno.exe under Wine alike.
 */

import { fileURLToPath } from "node:url";

/** A path inside the project. */
export const projectPath = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The rig's folder. */
export const CACHE: string = projectPath(".cache/windows");
const devDependencies = JSON.parse(Deno.readTextFileSync(projectPath("package.json"))).devDependencies;
/** The Windows deno.exe, patched for wine 8.0. */
export const DENO_EXE: string = `${CACHE}/deno-${devDependencies.deno}/deno.exe`;
/** The Iphlpapi test double (it is the dnsapi double too). */
export const DOUBLE_DLL: string = projectPath(".cache/windows/build/iphlpapi_double.dll");
/** The ipconfig.exe double. */
export const IPCONFIG_DOUBLE: string = projectPath(".cache/windows/build/ipconfig_double.exe");
/** The CLI's entry point. */
export const CLI: string = projectPath("cli.ts");

/**
 * The Windows name of a Linux path, through Wine's Z: drive. Built as a string: starting
 * winepath for it could fail (about one Wine start in 5,000 does) and give an empty path.
 */
export const windowsPath = (path: string): string => `Z:${path.replaceAll("/", "\\")}`;
