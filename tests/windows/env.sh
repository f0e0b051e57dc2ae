# Paths and settings shared by the Windows rig's scripts; sourced, not run.
# Everything the rig downloads or builds lives under .cache/windows (git-ignored).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache="$root/.cache/windows"
deno_version=$(node -p 'require(process.argv[1]).devDependencies.deno' "$root/package.json")
deno_exe="$cache/deno-$deno_version/deno.exe"
# Windows Node for the npm package's smoke test, and koffi's Windows build at the version package.json pins.
node_win_version=$(node -p 'require(process.argv[1]).config.windowsNode' "$root/package.json")
node_exe="$cache/node-$node_win_version/node.exe"
koffi_version=$(node -p 'require(process.argv[1]).devDependencies.koffi' "$root/package.json")
koffi_win="$cache/koffi-win32-x64-$koffi_version"
double_dll="$cache/build/iphlpapi_double.dll"
ipconfig_double_exe="$cache/build/ipconfig_double.exe"
probe_exe="$cache/build/layout_probe.exe"
export WINEPREFIX="$cache/prefix"
export WINEDEBUG=-all
# Deno 2.9 writes a copy of itself into %LOCALAPPDATA%\deno\node_compat_bin to stand in for
# a `node` missing from PATH; under Wine its rename fails and every run leaves 93 MB behind.
export DENO_DISABLE_NODE_SHIM=1
export WINEDLLOVERRIDES="mscoree,mshtml="

# Keeps a wineserver warm for $1 seconds. Wine's helper processes (services,
# winedevice) start with the first program and keep its standard streams, so
# that program is a quiet one: otherwise they hold a caller's pipe open.
# Debian's wineserver wrapper passes -p0 first, and -p takes its number only when attached.
start_wine() {
  wineserver "-p$1" </dev/null >/dev/null 2>&1
  wine cmd /c exit </dev/null >/dev/null 2>&1
}

# Ends the prefix's wineserver, and with it services, winedevice, plugplay, svchost and rpcss,
# and waits until it is gone.
stop_wine() {
  wineserver -k 2>/dev/null || true
  wineserver -w 2>/dev/null || true
}

# The Windows name of Linux path $1 on Wine's Z: drive. Never start Wine (winepath) for it:
# about one Wine start in 5,000 fails, and an empty path would mean wine's own DLL.
windows_path() {
  local path=$1
  printf 'Z:%s' "${path//\//\\}"
}

# Makes network namespace $1 with the adapters the tests know, veth pairs that carry
# no traffic: lctl0 (up, 192.0.2.10/24) and lctl1 (down, 198.51.100.20/24). Wine run
# inside it shows exactly these (and their peers).
make_test_netns() {
  ip netns add "$1"
  ip netns exec "$1" bash -e -c '
    ip link add lctl0 address 02:00:5e:10:00:01 type veth peer name lctl0-peer
    ip link add lctl1 address 02:00:5e:10:00:02 type veth peer name lctl1-peer
    ip addr add 192.0.2.10/24 dev lctl0
    ip addr add 198.51.100.20/24 dev lctl1
    ip link set lctl0 up
    ip link set lctl0-peer up'
}
