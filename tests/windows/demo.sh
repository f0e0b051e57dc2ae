#!/usr/bin/env bash
# The main job on Linux: leasectl on the Windows deno.exe under Wine. It lists
# this machine's adapters through wine's real Iphlpapi.dll, then releases,
# renews and cycles against the Iphlpapi and ipconfig test doubles, since wine
# cannot release or renew a lease.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --silent
bash tests/windows/setup.sh
wineserver -k 2>/dev/null || true # one left inside a test namespace would show its adapters
start_wine 30

state=$(mktemp)
trap 'rm -f "$state"; stop_wine' EXIT
leasectl() { wine "$deno_exe" run --allow-ffi --allow-env cli.ts "$@"; }
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s== %s ==%s\n\n' "$bold" "$*" "$plain"; }

say "leasectl list: this machine's adapters, through wine's own Iphlpapi.dll"
leasectl list
say "leasectl release: through wine's Iphlpapi.dll, where no adapter has DHCP enabled"
leasectl release || echo "(exit status $?, as ipconfig /release fails there)"

export LEASECTL_IPHLPAPI LEASECTL_DOUBLE_STATE
LEASECTL_IPHLPAPI=$(windows_path "$double_dll")
LEASECTL_DOUBLE_STATE=$(windows_path "$state")
say "SIMULATED from here on: the Iphlpapi test double stands in for a Windows machine with DHCP adapters"
leasectl list "Ethernet*"
say "SIMULATED: leasectl release"
leasectl release
say "SIMULATED: leasectl renew --timeout 30"
leasectl renew --timeout 30
say "SIMULATED: leasectl renew Ethernet --json"
leasectl renew Ethernet --json
say "SIMULATED: leasectl cycle --wait 10, on a network whose gateway comes a second after the address"
cycle_state=$(mktemp) # a network of its own, not the one renewed above
LEASECTL_DNSAPI=$LEASECTL_IPHLPAPI LEASECTL_DOUBLE_SCENARIO=late-gateway LEASECTL_DOUBLE_STATE=$(windows_path "$cycle_state") \
  leasectl cycle --wait 10
rm -f "$cycle_state"
say "SIMULATED: leasectl renew6 Ethernet, through ipconfig.exe, on a dual-stack adapter"
LEASECTL_IPCONFIG=$(windows_path "$ipconfig_double_exe") LEASECTL_DOUBLE_SCENARIO=ipv6 \
  wine "$deno_exe" run --allow-ffi --allow-env --allow-run cli.ts renew6 Ethernet
