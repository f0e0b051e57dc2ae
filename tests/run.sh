#!/usr/bin/env bash
# The whole test suite, as README's test command runs it on a fresh Linux
# machine: installs what it needs, runs the unit tests on Linux, the Windows
# tests on deno.exe under Wine, then builds the npm package and smoke-tests it
# in Node on Linux and Windows Node under Wine, then builds leasectl.exe and tests
# it under Wine; it ends with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export NO_COLOR=1
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --silent || exit 1
bash tests/windows/setup.sh || exit 1
mkdir -p .cache

passed=0 failed=0 status=0
# run NAME COMMAND...: runs one suite, keeping its output, and adds up its summary line.
run() {
  local name=$1 log=".cache/$1-tests.log" summary
  shift
  echo "== $name tests =="
  "$@" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  summary=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "$name tests ended without a summary" >&2
    failed=$((failed + 1)) status=1
    return
  fi
  passed=$((passed + $(sed -E 's/.*\| ([0-9]+) passed.*/\1/' <<<"$summary")))
  failed=$((failed + $(sed -E 's/.*\| ([0-9]+) failed.*/\1/' <<<"$summary")))
}

run linux node_modules/.bin/deno test --allow-read --allow-write --allow-run --allow-env \
  tests/unit/
run rig node_modules/.bin/deno test --allow-all tests/rig/
run windows bash tests/windows/run.sh
run npm node_modules/.bin/deno run --allow-all npm-build.ts
run exe bash tests/exe/run.sh

echo "$passed passed, $failed failed"
exit "$status"
