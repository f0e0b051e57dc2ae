/**
 * Builds the npm package `leasectl` into npm/: the library and the CLI for Node, with
 * ffi/deno_backend.ts mapped to ffi/node_backend.ts (koffi), compiled to ES modules with
 * declarations and source maps (scripts/build_npm.ts does dnt's job).
 *
 *     deno task npm
 *
 * The package's smoke tests, in Node on Linux and in Windows Node under Wine, are a suite of
 * their own: `bash tests/npm/run.sh` builds and tests.
 *
 * @module
 */

import { buildNpm } from "./scripts/build_npm.ts";
import { installDevDependencies } from "./scripts/commands.ts";

await installDevDependencies();
await buildNpm({
  package: {
    name: "leasectl",
    description: "Release and renew DHCP leases on Windows through Iphlpapi.dll: ipconfig /release and " +
      "/renew as a typed library and a scriptable CLI.",
    keywords: ["dhcp", "ipconfig", "windows", "iphlpapi", "ffi", "network", "lease"],
    repository: { type: "git", url: "git+https://github.com/leasectl/leasectl.git" },
    engines: { node: ">=20" },
  },
  exports: { ".": "mod", "./cli": "cli", "./testing": "testing" },
  bin: { leasectl: "cli" },
  files: ["README.md", "LICENSE"],
  dependencies: ["koffi"],
});
