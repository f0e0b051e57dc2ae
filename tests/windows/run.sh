#!/usr/bin/env bash
# Runs tests/windows/ and mod.ts's doc examples on the Windows deno.exe under
# Wine, inside a network namespace of their own whose adapters are known:
# lctl0 (up, 192.0.2.10) and lctl1 (down, 198.51.100.20), veth pairs with no
# traffic on them. Wine's Iphlpapi sees exactly these there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$root/tests/windows/setup.sh"

netns="leasectl-test-$$"
work=$(mktemp -d)
cleanup() {
  ip netns exec "$netns" wineserver -k 2>/dev/null || true
  ip netns del "$netns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

make_test_netns "$netns"

# A wineserver started outside the namespace would answer for processes inside it.
wineserver -k 2>/dev/null || true
ip netns exec "$netns" env ENV_SH="$root/tests/windows/env.sh" DENO_EXE="$deno_exe" DOUBLE="$double_dll" STATE="$work/state" ROOT="$root" \
  NO_COLOR=1 bash -c '
  source "$ENV_SH"
  start_wine 30
  cd "$ROOT"
  LEASECTL_IPHLPAPI=$(winepath -w "$DOUBLE") LEASECTL_DOUBLE_STATE=$(winepath -w "$STATE") \
    wine "$DENO_EXE" test --allow-all --doc mod.ts tests/windows/'
