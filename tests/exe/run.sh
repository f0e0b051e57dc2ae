#!/usr/bin/env bash
# Tests leasectl.exe as a user would get it: `deno task exe` builds it, then
# tests/exe/ (Linux Deno) runs copies of it under Wine, each copied alone into
# an empty folder, with no node_modules anywhere and a Wine prefix made for
# this run, which has never seen Node. They run inside a network namespace of
# their own whose adapters are known, as tests/windows/run.sh does:
# lctl0 (up, 192.0.2.10) and lctl1 (down, 198.51.100.20).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../windows/env.sh"
cd "$root"
bash tests/windows/setup.sh # Wine, and the Iphlpapi test double
node_modules/.bin/deno run --allow-all exe-build.ts

netns="leasectl-exe-$$"
work=$(mktemp -d /tmp/leasectl-exe-XXXXXX)
cleanup() {
  WINEPREFIX="$work/prefix" ip netns exec "$netns" wineserver -k 2>/dev/null || true
  ip netns del "$netns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

make_test_netns "$netns"

# A fresh prefix at Windows 10, below which node.exe refuses to start. Nothing else:
# leasectl.exe needs neither the ProcessPrng shim nor the VirtualAlloc2 patch that deno.exe does.
export WINEPREFIX="$work/prefix"
ip netns exec "$netns" bash -c '
  wine wineboot --init >/dev/null 2>&1
  wine winecfg /v win10 >/dev/null 2>&1
  wineserver -w'
ip netns exec "$netns" env LEASECTL_EXE_WORK="$work" DOUBLE="$double_dll" IPCONFIG_DOUBLE="$ipconfig_double_exe" NO_COLOR=1 bash -c '
  wineserver -p60 </dev/null >/dev/null 2>&1
  wine cmd /c exit </dev/null >/dev/null 2>&1 # Wine'"'"'s helpers start here, with quiet streams
  node_modules/.bin/deno test --allow-all tests/exe/'
