#!/usr/bin/env bash
# The npm package's smoke tests: npm-build.ts builds it into npm/, then tests/npm/
# packs and installs it into a fresh project as a user would, and runs it in Node
# on Linux and in Windows Node under Wine against wine's Iphlpapi and the test
# double. It ends the Wine processes it started and removes what it made (copies
# of node.exe among them), pass or fail.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../windows/env.sh"
cd "$root"
bash tests/windows/setup.sh # Wine, Windows Node, koffi's Windows build and the doubles
node_modules/.bin/deno run --allow-all npm-build.ts

# Wine keeps its server's socket under TMPDIR: stop_wine must see the one the tests saw.
work=$(mktemp -d "${TMPDIR:-/tmp}/leasectl-npm-run-XXXXXX")
export TMPDIR=$work
trap 'stop_wine; rm -rf "$work"' EXIT
# The pinned deno, by path: the build may have installed the dev dependencies anew.
node_modules/.bin/deno test --allow-all tests/npm/
