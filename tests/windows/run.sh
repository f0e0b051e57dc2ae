#!/usr/bin/env bash
# Runs tests/windows/ and mod.ts's doc examples on the Windows deno.exe under
# Wine, inside a network namespace of their own whose adapters are known:
# lctl0 (up, 192.0.2.10) and lctl1 (down, 198.51.100.20), veth pairs with no
# traffic on them. Wine's Iphlpapi sees exactly these there. It ends the Wine
# processes it started and removes the files it made, pass or fail, and fails
# if a test left anything in the prefix's %TEMP%.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$root/tests/windows/setup.sh"

netns="leasectl-test-$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/leasectl-windows-XXXXXX")
prefix_temp="$WINEPREFIX/drive_c/users/$(id -un)/Temp"
mkdir -p "$prefix_temp"
temp_before=$(ls -A "$prefix_temp")
cleanup() {
  local status=$? left
  ip netns exec "$netns" wineserver -k 2>/dev/null || true
  ip netns exec "$netns" wineserver -w 2>/dev/null || true
  ip netns del "$netns" 2>/dev/null || true
  rm -rf "$work"
  left=$(comm -13 <(sort <<<"$temp_before") <(ls -A "$prefix_temp" | sort))
  if [ -n "$left" ]; then
    echo "tests/windows left these in the prefix's %TEMP% (now removed):" $left >&2
    (cd "$prefix_temp" && rm -rf -- $left)
    status=1
  fi
  exit "$status"
}
trap cleanup EXIT

make_test_netns "$netns"

# A wineserver started outside the namespace would answer for processes inside it.
stop_wine
mkdir "$work/temp"
ip netns exec "$netns" env ENV_SH="$root/tests/windows/env.sh" ROOT="$root" NO_COLOR=1 \
  LEASECTL_IPHLPAPI="$(windows_path "$double_dll")" LEASECTL_DOUBLE_STATE="$(windows_path "$work/state")" \
  LEASECTL_TEST_TEMP="$(windows_path "$work/temp")" bash -c '
  source "$ENV_SH"
  start_wine 30
  cd "$ROOT"
  wine "$deno_exe" test --allow-all --doc mod.ts tests/windows/'
