/**
 * Stages the sources for Node, as dnt does: copied with ffi/deno_backend.ts mapped to
 * ffi/node_backend.ts (dnt's `mappings`), import specifiers renamed for npm, and a tsconfig.json
 * that compiles them to ES modules with declarations and source maps. npm-build.ts compiles
 * what it stages; exe-build.ts stages with mappings of its own and bundles.
 *
 * @module
 */

import { at } from "./commands.ts";

/** Where the npm build stages. */
export const STAGE: string = at(".cache/npm/src");
/** Where the staged sources compile to (the tsconfig.json's outDir's parent). */
export const NPM_OUT: string = at("npm");

/** The sources that ship: the library, its test seam and the CLI, without Deno's backend. */
const SOURCES = ["mod.ts", "cli.ts", "testing.ts", "cli", "lib", "ffi"];
/** The sources replaced for Node, file for file (dnt's `mappings`). */
export const MAPPINGS: Record<string, string> = { "ffi/deno_backend.ts": "ffi/node_backend.ts" };
/** Sources that only leasectl.exe uses (exe-build.ts maps them in). */
export const NOT_SHIPPED = ["ffi/koffi_loader_sea.ts"];

// What the staged sources see of Deno: the one type the symbol tables are checked against, and
// import.meta.main, which Node 22 lacks (the bin script calls main() itself).
const DENO_SHIM = `declare namespace Deno {
  type ForeignLibraryInterface = Record<
    string,
    { parameters: readonly string[]; result: string; nonblocking?: boolean; optional?: boolean }
  >;
}
interface ImportMeta {
  main?: boolean;
}
`;

async function* files(path: string): AsyncGenerator<string> {
  const info = await Deno.stat(at(path));
  if (info.isFile) {
    if (path.endsWith(".ts")) yield path;
    return;
  }
  for await (const entry of Deno.readDir(at(path))) yield* files(`${path}/${entry.name}`);
}

/**
 * Copies the sources into `into`, each of `mappings`' keys replaced by its value
 * (file for file, in the import specifiers that name it) and renamed for npm.
 */
export async function stage(
  into: string = STAGE,
  mappings: Record<string, string> = MAPPINGS,
  leaveOut: readonly string[] = NOT_SHIPPED,
): Promise<void> {
  await Deno.remove(into, { recursive: true }).catch(() => {});
  const replaced = new Set([...Object.keys(mappings), ...leaveOut]);
  for (const source of SOURCES) {
    for await (const path of files(source)) {
      if (replaced.has(path)) continue;
      let text = await Deno.readTextFile(at(path));
      for (const [from, to] of Object.entries(mappings)) {
        const [fromName, toName] = [from.split("/").pop()!, to.split("/").pop()!];
        text = text.replaceAll(`/${fromName}"`, `/${toName}"`);
      }
      // Doc examples import the JSR name; on npm the package is "leasectl".
      text = text.replaceAll(`"@leasectl/leasectl`, `"leasectl`);
      await Deno.mkdir(`${into}/${path.split("/").slice(0, -1).join("/")}`, { recursive: true });
      await Deno.writeTextFile(`${into}/${path}`, text);
    }
  }
  await Deno.writeTextFile(`${into}/deno_shim.d.ts`, DENO_SHIM);
  await Deno.writeTextFile(
    `${into}/tsconfig.json`,
    JSON.stringify(
      {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2024"],
          types: ["node"],
          strict: true,
          skipLibCheck: true,
          rewriteRelativeImportExtensions: true,
          declaration: true,
          declarationMap: true,
          sourceMap: true,
          inlineSources: true,
          noEmitOnError: true,
          rootDir: ".",
          outDir: `${NPM_OUT}/esm`,
        },
        include: ["**/*.ts"],
      },
      null,
      2,
    ),
  );
}
