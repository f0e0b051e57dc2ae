/**
 * Builds the npm package `leasectl` into npm/, then smoke-tests it: in Node on
 * Linux, and in Windows Node under Wine against the Iphlpapi test double.
 *
 *     deno task npm
 *
 * It does dnt's job with the TypeScript compiler from npm: the sources are
 * staged with ffi/deno_backend.ts mapped to ffi/node_backend.ts (dnt's
 * `mappings`), compiled to ES modules with declarations and source maps, and
 * given a package.json whose version is deno.json's.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const at = (path: string) => `${root}${path}`;
const STAGE = at(".cache/npm/src");
const OUT = at("npm");

/** The sources that ship: the library, its test seam and the CLI, without Deno's backend. */
const SOURCES = ["mod.ts", "cli.ts", "testing.ts", "cli", "lib", "ffi"];
/** The sources replaced for Node, file for file (dnt's `mappings`). */
export const MAPPINGS: Record<string, string> = { "ffi/deno_backend.ts": "ffi/node_backend.ts" };
/** Sources that only leasectl.exe uses (exe-build.ts maps them in). */
const NOT_SHIPPED = ["ffi/koffi_loader_sea.ts"];

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

const BIN = `#!/usr/bin/env node
import process from "node:process";
import { main } from "../esm/cli.js";

process.exit(await main(process.argv.slice(2)));
`;

/** Runs a command with the build's output shown, and throws if it fails. */
export async function run(command: string, args: string[], cwd = root): Promise<void> {
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
          outDir: `${OUT}/esm`,
        },
        include: ["**/*.ts"],
      },
      null,
      2,
    ),
  );
}

/** package.json for npm/, from deno.json and the project's pinned koffi. */
async function packageJson(): Promise<string> {
  const deno = JSON.parse(await Deno.readTextFile(at("deno.json")));
  const dev = JSON.parse(await Deno.readTextFile(at("package.json")));
  const entry = (name: string) => ({ types: `./esm/${name}.d.ts`, default: `./esm/${name}.js` });
  return JSON.stringify(
    {
      name: "leasectl",
      version: deno.version,
      description: "Release and renew DHCP leases on Windows through Iphlpapi.dll: ipconfig /release and " +
        "/renew as a typed library and a scriptable CLI.",
      keywords: ["dhcp", "ipconfig", "windows", "iphlpapi", "ffi", "network", "lease"],
      license: deno.license,
      repository: { type: "git", url: "git+https://github.com/leasectl/leasectl.git" },
      type: "module",
      main: "./esm/mod.js",
      types: "./esm/mod.d.ts",
      exports: { ".": entry("mod"), "./cli": entry("cli"), "./testing": entry("testing") },
      bin: { leasectl: "bin/leasectl.js" },
      files: ["esm", "bin", "README.md", "LICENSE"],
      engines: { node: ">=20" },
      dependencies: { koffi: dev.devDependencies.koffi },
    },
    null,
    2,
  ) + "\n";
}

async function build(): Promise<void> {
  await stage();
  await Deno.remove(OUT, { recursive: true }).catch(() => {});
  await run("node", [at("node_modules/typescript/bin/tsc"), "-p", `${STAGE}/tsconfig.json`]);
  await Deno.remove(`${OUT}/esm/deno_shim.d.ts`).catch(() => {});
  await Deno.mkdir(`${OUT}/bin`, { recursive: true });
  await Deno.writeTextFile(`${OUT}/bin/leasectl.js`, BIN, { mode: 0o755 });
  await Deno.writeTextFile(`${OUT}/package.json`, await packageJson());
  await Deno.copyFile(at("README.md"), `${OUT}/README.md`);
  await Deno.copyFile(at("LICENSE"), `${OUT}/LICENSE`);
  console.log(`Built ${OUT}`);
}

if (import.meta.main) {
  await installDevDependencies();
  await build();
  if (!Deno.args.includes("--no-test")) {
    // The smoke tests run Windows Node under Wine: the rig prepares it, and does nothing when it is ready.
    await run("bash", ["tests/windows/setup.sh"]);
    // The pinned deno, by path: installing the dev dependencies may have replaced the one running this.
    await run(at("node_modules/.bin/deno"), ["test", "--allow-all", "tests/npm/"]);
  }
}
