/**
 * Builds an npm package from the staged sources (scripts/stage.ts), as dnt's `build()` does:
 * compiled by the TypeScript compiler from npm, with a bin script per command, and a
 * package.json whose version and license are deno.json's. npm-build.ts says what to build.
 *
 * @module
 */

import { at, run } from "./commands.ts";
import { NPM_OUT, STAGE, stage } from "./stage.ts";

/** What goes into the package beyond the compiled sources. */
export interface NpmBuild {
  /** The export map: subpath to staged module without its extension, e.g. `{ ".": "mod" }`. */
  exports: Record<string, string>;
  /** Commands: name to the staged module whose `main(args)` runs it and gives the exit status. */
  bin: Record<string, string>;
  /** Files of the project copied into the package's root. */
  files: string[];
  /** package.json's fields besides name/version/license/exports/bin/files/dependencies. */
  package: { name: string } & Record<string, unknown>;
  /** npm dependencies, each at the version the project's package.json pins among its devDependencies. */
  dependencies: string[];
}

const bin = (module: string) =>
  `#!/usr/bin/env node
import process from "node:process";
import { main } from "../esm/${module}.js";

process.exit(await main(process.argv.slice(2)));
`;

/** The package.json of the build: deno.json's version and license, the project's pinned dependencies. */
async function packageJson(build: NpmBuild): Promise<string> {
  const deno = JSON.parse(await Deno.readTextFile(at("deno.json")));
  const pinned = JSON.parse(await Deno.readTextFile(at("package.json"))).devDependencies;
  const entry = (name: string) => ({ types: `./esm/${name}.d.ts`, default: `./esm/${name}.js` });
  const { name, ...rest } = build.package;
  const main = build.exports["."];
  return JSON.stringify(
    {
      name,
      version: deno.version,
      ...rest,
      license: deno.license,
      type: "module",
      main: `./esm/${main}.js`,
      types: `./esm/${main}.d.ts`,
      exports: Object.fromEntries(
        Object.entries(build.exports).map(([path, module]) => [path, entry(module)]),
      ),
      bin: Object.fromEntries(Object.keys(build.bin).map((command) => [command, `bin/${command}.js`])),
      files: ["esm", "bin", ...build.files],
      dependencies: Object.fromEntries(
        build.dependencies.map((dependency) => [dependency, pinned[dependency]]),
      ),
    },
    null,
    2,
  ) + "\n";
}

/** Builds the package into npm/. */
export async function buildNpm(build: NpmBuild): Promise<void> {
  await stage();
  await Deno.remove(NPM_OUT, { recursive: true }).catch(() => {});
  await run("node", [at("node_modules/typescript/bin/tsc"), "-p", `${STAGE}/tsconfig.json`]);
  await Deno.remove(`${NPM_OUT}/esm/deno_shim.d.ts`).catch(() => {});
  await Deno.mkdir(`${NPM_OUT}/bin`, { recursive: true });
  for (const [command, module] of Object.entries(build.bin)) {
    await Deno.writeTextFile(`${NPM_OUT}/bin/${command}.js`, bin(module), { mode: 0o755 });
  }
  await Deno.writeTextFile(`${NPM_OUT}/package.json`, await packageJson(build));
  for (const file of build.files) await Deno.copyFile(at(file), `${NPM_OUT}/${file}`);
  console.log(`Built ${NPM_OUT}`);
}
