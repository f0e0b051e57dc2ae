import assert from "node:assert/strict";
import * as layouts from "../../ffi/layouts.ts";
import { CACHE } from "../../harness/paths.ts";
import { WINE_ENV } from "./wine.ts";

// The probe is compiled by mingw-w64 from the Windows SDK headers and run under
// Wine: what it prints is the layout Windows code sees. tests/windows/setup.sh builds it.
Deno.test("ffi/layouts.ts matches the Windows SDK headers, field by field", async () => {
  const { success, stdout, stderr } = await new Deno.Command("wine", {
    args: [`${CACHE}/build/layout_probe.exe`],
    env: WINE_ENV,
    stdin: "null",
  }).output().catch((error) => {
    throw new Error(`Could not run the layout probe (run bash tests/windows/setup.sh first): ${error}`);
  });
  assert.deepEqual(success, true, new TextDecoder().decode(stderr));
  const probed: Record<string, Record<string, number>> = JSON.parse(new TextDecoder().decode(stdout));
  const { constants, ...structs } = layouts;
  assert.deepEqual(Object.keys(probed).sort(), [...Object.keys(structs), "constants"].sort());
  for (const [name, layout] of Object.entries(structs)) assert.deepEqual(layout, probed[name], name);
  assert.deepEqual(constants, probed.constants);
});
