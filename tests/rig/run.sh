#!/usr/bin/env bash
# The rig's tests: Linux Deno driving deno.exe and the layout probe under Wine
# (tests/rig/). It ends the wineserver they kept warm, and with it Wine's
# helper processes, pass or fail.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../windows/env.sh"
cd "$root"
bash tests/windows/setup.sh
trap stop_wine EXIT
node_modules/.bin/deno test --allow-all tests/rig/
