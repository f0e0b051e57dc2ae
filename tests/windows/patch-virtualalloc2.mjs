// Copies a Windows executable, renaming its one "VirtualAlloc2" import-by-name
// string so that V8 falls back to an emulated subspace under wine 8.0.
import { readFileSync, writeFileSync } from "node:fs";

const [source, target] = process.argv.slice(2);
const bytes = readFileSync(source);
const needle = Buffer.from("VirtualAlloc2\0", "latin1");
const at = bytes.indexOf(needle);
if (at < 0 || bytes.indexOf(needle, at + 1) >= 0) {
  console.error(`${source}: expected exactly one VirtualAlloc2 string`);
  process.exit(1);
}
Buffer.from("VirtualAllocX\0", "latin1").copy(bytes, at);
writeFileSync(target, bytes);
