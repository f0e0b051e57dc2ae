#!/usr/bin/env bash
# The whole test suite, as README's test command runs it on a fresh Linux
# machine: installs what it needs, runs the unit tests on Linux, the rig's tests
# and the Windows tests on deno.exe under Wine, the npm package's smoke tests in
# Node on Linux and Windows Node under Wine, then builds leasectl.exe and tests
# it under Wine; it ends with "N passed, N failed".
#
# After each suite it checks that the suite left nothing behind: no Wine process
# it started (wineserver, services, winedevice, plugplay, svchost, rpcss…), no
# file in the temporary folder, nothing new in the Wine prefix's %TEMP%. What a
# suite left counts as one failure, and is named.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export NO_COLOR=1
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --silent || exit 1
bash tests/windows/setup.sh || exit 1
mkdir -p .cache

# Every process this run starts carries the mark, Wine's included: that is how the check
# tells them from the Wine processes of other runs on the same machine.
export LEASECTL_TEST_RUN="$$-$RANDOM"
# The suites' temporary files go to a folder of this run, which must be empty after each.
TMPDIR=$(mktemp -d /tmp/leasectl-run-XXXXXX)
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
prefix_temp="$root/.cache/windows/prefix/drive_c/users/$(id -un)/Temp"

# wine_left: the Wine processes of this run still running (zombies aside), one per line.
wine_left() {
  local dir comm
  for dir in /proc/[0-9]*; do
    comm=$(cat "$dir/comm" 2>/dev/null) || continue
    [[ $comm == *wine* || $comm == *.exe ]] || continue
    [ "$(cut -d' ' -f3 "$dir/stat" 2>/dev/null)" != Z ] || continue
    grep -qzx "LEASECTL_TEST_RUN=$LEASECTL_TEST_RUN" "$dir/environ" 2>/dev/null &&
      echo "${dir#/proc/} $(tr '\0' ' ' <"$dir/cmdline")"
  done
}

# litter NAME: what suite NAME left behind, removed; fails when there was any.
litter() {
  local name=$1 left="" processes files temp tries
  for tries in 1 2 3 4 5 6 7 8 9 10; do # wineserver -k returns before its helpers are gone
    processes=$(wine_left)
    [ -z "$processes" ] && break
    sleep 1
  done
  # wine-*: Wine's server sockets, which it keeps under TMPDIR; they go with the run's folder.
  files=$(ls -A "$TMPDIR" | grep -v '^wine-')
  temp=$(comm -13 <(sort <<<"$prefix_temp_before") <(ls -A "$prefix_temp" 2>/dev/null | sort))
  [ -z "$processes" ] || left+=$'\n'"Wine processes still running:"$'\n'"$processes"
  [ -z "$files" ] || left+=$'\n'"in the temporary folder: $(tr '\n' ' ' <<<"$files")"
  [ -z "$temp" ] || left+=$'\n'"in the Wine prefix's %TEMP%: $(tr '\n' ' ' <<<"$temp")"
  [ -n "$left" ] || return 0
  echo "$name tests left things behind:$left" >&2
  for pid in $(cut -d' ' -f1 <<<"$processes"); do kill "$pid" 2>/dev/null; done
  (cd "$TMPDIR" && rm -rf -- $files)
  (cd "$prefix_temp" && rm -rf -- $temp)
  return 1
}

passed=0 failed=0 status=0
# run NAME COMMAND...: runs one suite, keeping its output, adds up its summary line, and checks
# that it left nothing behind.
run() {
  local name=$1 log=".cache/$1-tests.log" summary
  shift
  echo "== $name tests =="
  prefix_temp_before=$(ls -A "$prefix_temp" 2>/dev/null)
  "$@" 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  litter "$name" || { failed=$((failed + 1)) status=1; }
  summary=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "$name tests ended without a summary" >&2
    failed=$((failed + 1)) status=1
    return
  fi
  passed=$((passed + $(sed -E 's/.*\| ([0-9]+) passed.*/\1/' <<<"$summary")))
  failed=$((failed + $(sed -E 's/.*\| ([0-9]+) failed.*/\1/' <<<"$summary")))
}

run linux node_modules/.bin/deno test --allow-read --allow-write --allow-run --allow-env tests/unit/
run rig bash tests/rig/run.sh
run windows bash tests/windows/run.sh
run npm bash tests/npm/run.sh
run exe bash tests/exe/run.sh

echo "$passed passed, $failed failed"
exit "$status"
