/** What the build scripts share: the project's root, running a command, npm's dev dependencies. */

import { fileURLToPath } from "node:url";

/** The project's root folder, ending in a slash. */
export const ROOT: string = fileURLToPath(new URL("../", import.meta.url));
/** A path inside the project. */
export const at = (path: string): string => `${ROOT}${path}`;

/** Runs a command with the build's output shown, and throws if it fails. */
export async function run(command: string, args: string[], cwd: string = ROOT): Promise<void> {
  const { code } = await new Deno.Command(command, { args, cwd, stdout: "inherit", stderr: "inherit" })
    .output();
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}`);
}

/** npm's devDependencies at package-lock.json's versions, installed when they are missing or older. */
export async function installDevDependencies(): Promise<void> {
  const installed = await Deno.stat(at("node_modules/.package-lock.json")).catch(() => undefined);
  const lock = await Deno.stat(at("package-lock.json"));
  if (!installed?.mtime || installed.mtime <= lock.mtime!) await run("npm", ["ci", "--silent"]);
}
