/**
 * leasectl releases and renews DHCP leases on Windows, as `ipconfig /release`,
 * `ipconfig /renew` and WMI's `ReleaseDHCPLeaseAll` do, by calling the IP Helper
 * API in Iphlpapi.dll directly through FFI. It needs `--allow-ffi`; releasing
 * and renewing also need an elevated (administrator) process.
 *
 * Importing this module loads nothing: the DLLs are opened on first use, so it
 * can be imported, type-checked and documented on any OS.
 *
 * @example Renew one adapter and print its new address
 * ```ts
 * import { renew } from "@leasectl/leasectl";
 *
 * const result = await renew("Ethernet", { timeout: 60 });
 * for (const adapter of result.adapters) {
 *   console.log(adapter.friendlyName, adapter.status, adapter.ipv4After?.join(", "));
 * }
 * ```
 *
 * @example List the DHCP adapters and when their leases expire
 * ```ts
 * import { listAdapters } from "@leasectl/leasectl";
 *
 * for (const adapter of await listAdapters()) {
 *   if (adapter.dhcpEnabled) console.log(adapter.friendlyName, adapter.leaseExpires);
 * }
 * ```
 *
 * @module
 */

import { readAdapters } from "./lib/adapters.ts";
import { readHostInfo } from "./lib/host_info.ts";
import { runCycle } from "./lib/cycle.ts";
import { type AdapterOptions, type DhcpOptionsOptions, readOptions } from "./lib/options.ts";
import { flushResolverCache } from "./lib/flush.ts";
import { checkOperationArguments, runSelectedOperation } from "./lib/operations.ts";
import { parseAdapterArgument, selectAdapters } from "./lib/select.ts";
import type { WatchOptions } from "./lib/watch.ts";
import type { WatchEvent } from "./lib/watch_events.ts";
import { defaultBackend } from "./ffi/deno_backend.ts";
import type {
  Adapter,
  CallOptions,
  CycleOptions,
  CycleResult,
  HostInfo,
  LeaseOptions,
  Operation,
  OperationResult,
  ReleaseOptions,
  RenewOptions,
} from "./lib/types.ts";

export {
  AdapterNotFoundError,
  DecodeError,
  EncodeError,
  FfiPermissionError,
  InvalidArgumentError,
  LeasectlError,
  LibraryLoadError,
  PermissionError,
  UnsupportedPlatformError,
  Win32Error,
} from "./lib/errors.ts";
export { ReturnValue } from "./lib/types.ts";
export type {
  Adapter,
  AdapterOutcome,
  AdapterResult,
  AdapterStatus,
  AddressInfo,
  AddressOrigin,
  AddressState,
  CallOptions,
  CycleOptions,
  CycleResult,
  CycleStep,
  Dhcpv6Info,
  FlushDnsOutcome,
  HostInfo,
  LeaseOptions,
  NodeType,
  Operation,
  OperationResult,
  OperStatus,
  ReleaseOptions,
  RenewOptions,
} from "./lib/types.ts";
export type { WatchOptions } from "./lib/watch.ts";
export type {
  AdapterOptions,
  ClasslessRoute,
  DecodedOption,
  DhcpOptionsOptions,
  OptionValue,
} from "./lib/options.ts";
export type { WatchEvent, WatchEventKind } from "./lib/watch_events.ts";

/** leasectl's version, as published. */
export const VERSION = "0.1.0";

/**
 * The network adapters Windows reports, with their addresses, DHCP state and
 * lease times; only those `adapter` names, when given (a friendly-name pattern
 * with `*` and `?`, an interface index, or a GUID).
 *
 * @example List the adapters that have DHCP enabled
 * ```ts
 * import { listAdapters } from "@leasectl/leasectl";
 *
 * const dhcp = (await listAdapters()).filter((adapter) => adapter.dhcpEnabled);
 * console.log(dhcp.map((adapter) => `${adapter.friendlyName}: ${adapter.ipv4.join(", ")}`));
 * ```
 *
 * @throws {AdapterNotFoundError} when `adapter` matches nothing.
 */
export function listAdapters(adapter?: string, options: CallOptions = {}): Promise<Adapter[]> {
  return Promise.resolve().then(() => {
    const wanted = adapter === undefined ? undefined : parseAdapterArgument(adapter);
    const adapters = readAdapters(options.backend ?? defaultBackend());
    return wanted === undefined ? adapters : selectAdapters(adapters, wanted);
  });
}

/** Checks the arguments, then runs `operation` over the adapters `adapter` names. */
function leaseOperation(
  operation: Operation,
  adapter: string | undefined,
  options: RenewOptions,
): Promise<OperationResult> {
  return Promise.resolve().then(() => {
    const wanted = checkOperationArguments(adapter, options);
    return runSelectedOperation(operation, wanted, {
      ...options,
      backend: options.backend ?? defaultBackend(),
    });
  });
}

/**
 * The host section of `ipconfig /all`: host name, primary DNS suffix, node
 * type, and whether IP routing and the WINS proxy are enabled (GetNetworkParams).
 *
 * @example Print the host name and primary DNS suffix
 * ```ts
 * import { hostInfo } from "@leasectl/leasectl";
 *
 * const host = await hostInfo();
 * console.log(`${host.hostName}${host.primaryDnsSuffix ? `.${host.primaryDnsSuffix}` : ""}`);
 * ```
 *
 * @throws {Win32Error} when GetNetworkParams fails.
 */
export function hostInfo(options: CallOptions = {}): Promise<HostInfo> {
  return Promise.resolve().then(() => readHostInfo(options.backend ?? defaultBackend()));
}

/**
 * Releases the DHCP lease of the adapters `adapter` names, or, with no adapter,
 * of every DHCP-enabled adapter, as `ipconfig /release` does. Each adapter's
 * outcome is reported; a Win32 failure is an outcome, not a throw.
 *
 * @example Release one adapter's lease
 * ```ts
 * import { release, ReturnValue } from "@leasectl/leasectl";
 *
 * const result = await release("Wi-Fi");
 * if (result.returnValue !== ReturnValue.Success) console.error(result.adapters);
 * ```
 *
 * @throws {AdapterNotFoundError} when `adapter` matches nothing.
 */
export function release(adapter?: string, options: ReleaseOptions = {}): Promise<OperationResult> {
  return leaseOperation("release", adapter, options);
}

/**
 * Renews the DHCP lease of the adapters `adapter` names, or, with no adapter,
 * of every DHCP-enabled adapter, as `ipconfig /renew` does, in parallel.
 * With `timeout`, an adapter still renewing after that many seconds is failed
 * with code 1460 while the others finish.
 *
 * With `wait`, each renewed adapter is then waited for until it is really back:
 * a preferred IPv4 address that is not autoconfigured, and its default gateway.
 * A renew that leaves only a 169.254.x.x address is failed with 121: no DHCP
 * server answered.
 *
 * @example Renew with a time limit, reporting each adapter as it finishes
 * ```ts
 * import { renew } from "@leasectl/leasectl";
 *
 * await renew(undefined, {
 *   timeout: 30,
 *   onAdapter: (outcome) => console.log(outcome.friendlyName, outcome.status),
 * });
 * ```
 *
 * @example Renew, and wait until the gateway is back too
 * ```ts
 * import { renew } from "@leasectl/leasectl";
 *
 * const { adapters } = await renew("Ethernet", { timeout: 60, wait: 30 });
 * console.log(adapters.map((a) => `${a.friendlyName}: ready after ${a.readyAfterMs} ms`));
 * ```
 *
 * @throws {AdapterNotFoundError} when `adapter` matches nothing.
 */
export function renew(adapter?: string, options: RenewOptions = {}): Promise<OperationResult> {
  return leaseOperation("renew", adapter, options);
}

/**
 * Releases the DHCPv6 lease of the adapters `adapter` names, or of every
 * IPv6-enabled adapter, as `ipconfig /release6` does. Windows has no function
 * for IPv6 leases, so this runs the system's ipconfig.exe (by absolute path),
 * once per adapter with its exact name, in parallel; in Deno it needs
 * `--allow-run` for it as well.
 *
 * @example Release one adapter's DHCPv6 lease
 * ```ts
 * import { release6 } from "@leasectl/leasectl";
 *
 * const result = await release6("Ethernet", { timeout: 30 });
 * console.log(result.adapters.map((a) => `${a.friendlyName}: ${a.ipv6After?.join(", ")}`));
 * ```
 *
 * @throws {AdapterNotFoundError} when `adapter` matches nothing.
 * @throws {PermissionError} when leasectl may not run ipconfig.exe.
 */
export function release6(adapter?: string, options: ReleaseOptions = {}): Promise<OperationResult> {
  return leaseOperation("release6", adapter, options);
}

/**
 * Renews the DHCPv6 lease of the adapters `adapter` names, or of every
 * IPv6-enabled adapter, as `ipconfig /renew6` does, through ipconfig.exe as
 * {@linkcode release6} does.
 *
 * @example Renew every adapter's DHCPv6 lease within a minute
 * ```ts
 * import { renew6, ReturnValue } from "@leasectl/leasectl";
 *
 * const { returnValue } = await renew6(undefined, { timeout: 60 });
 * if (returnValue !== ReturnValue.Success) console.error(`renew6 returned ${returnValue}`);
 * ```
 *
 * @throws {AdapterNotFoundError} when `adapter` matches nothing.
 * @throws {PermissionError} when leasectl may not run ipconfig.exe.
 */
export function renew6(adapter?: string, options: LeaseOptions = {}): Promise<OperationResult> {
  return leaseOperation("renew6", adapter, options);
}

/**
 * Releases, flushes the DNS cache, then renews, in one call: what an admin
 * types as `ipconfig /release`, `/flushdns`, `/renew`, but it cannot be cut
 * off between the steps. Every adapter the release considered is renewed,
 * whatever its release did.
 *
 * @example Cycle the Wi-Fi lease and wait until the network is back
 * ```ts
 * import { cycle } from "@leasectl/leasectl";
 *
 * const result = await cycle("Wi-Fi", { timeout: 60, wait: 30 });
 * console.log(result.returnValue, result.renew.adapters[0]?.ipv4After);
 * ```
 *
 * @throws {AdapterNotFoundError} when `adapter` matches nothing.
 */
export function cycle(adapter?: string, options: CycleOptions = {}): Promise<CycleResult> {
  return runCycle({ ...options, adapter, backend: options.backend ?? defaultBackend() });
}

/**
 * WMI's `Win32_NetworkAdapterConfiguration.ReleaseDHCPLeaseAll`: releases the
 * lease of every DHCP-enabled adapter. `returnValue` follows WMI's table.
 *
 * @example Port of a VBScript check
 * ```ts
 * import { releaseAll } from "@leasectl/leasectl";
 *
 * const { returnValue } = await releaseAll();
 * if (returnValue !== 0) console.error(`ReleaseDHCPLeaseAll returned ${returnValue}`);
 * ```
 */
export function releaseAll(options: ReleaseOptions = {}): Promise<OperationResult> {
  return release(undefined, options);
}

/**
 * WMI's `Win32_NetworkAdapterConfiguration.RenewDHCPLeaseAll`: renews the
 * lease of every DHCP-enabled adapter. `returnValue` follows WMI's table.
 *
 * @example Renew everything, then stop if any adapter failed
 * ```ts
 * import { renewAll, ReturnValue } from "@leasectl/leasectl";
 *
 * const { returnValue } = await renewAll({ timeout: 60 });
 * if (returnValue === ReturnValue.NotAllLeases) console.error("Some adapters were not renewed.");
 * ```
 */
export function renewAll(options: RenewOptions = {}): Promise<OperationResult> {
  return renew(undefined, options);
}

/**
 * Empties the DNS resolver cache, as `ipconfig /flushdns` does.
 *
 * @example Flush after a renew
 * ```ts
 * import { flushDns, renewAll } from "@leasectl/leasectl";
 *
 * await renewAll();
 * await flushDns();
 * ```
 *
 * @throws {Win32Error} when the resolver refuses.
 */
export function flushDns(options: CallOptions = {}): Promise<void> {
  return Promise.resolve().then(() => flushResolverCache(options.backend ?? defaultBackend()));
}

/**
 * Address and interface changes as they happen, from Windows' change
 * notifications (NotifyUnicastIpAddressChange, NotifyIpInterfaceChange): an
 * address added, removed or changed (with its state and origin), and an
 * interface's status or gateways changing; only on the adapters `adapter` names,
 * when given. Where notifications cannot be registered, the adapters are read
 * every 250 ms instead, and `onFallback` is called once. It ends when `signal`
 * aborts (or the loop breaks), with every registration cancelled.
 *
 * @example Print each change for ten seconds
 * ```ts
 * import { watch } from "@leasectl/leasectl";
 *
 * for await (const change of watch("Ethernet", { signal: AbortSignal.timeout(10_000) })) {
 *   console.log(change.time, change.friendlyName, change.event, change.address?.address ?? change.operStatus);
 * }
 * ```
 *
 * @throws {AdapterNotFoundError} when `adapter` matches nothing at the start.
 */
export function watch(adapter?: string, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
  return {
    [Symbol.asyncIterator]: () => watching(options.backend ?? defaultBackend(), adapter, options),
  };
}

/** The watch's code loads only when a watch starts: a release or a renew never needs it. */
async function* watching(
  ...args: Parameters<typeof import("./lib/watch.ts").watchChanges>
): AsyncGenerator<WatchEvent, void, undefined> {
  const { watchChanges } = await import("./lib/watch.ts");
  yield* watchChanges(...args);
}

/**
 * The DHCP options the Windows DHCP client holds for each DHCP-enabled adapter
 * that `adapter` selects (as for renew; non-DHCP and disconnected adapters are
 * skipped with the reason): router, DNS servers, domain, search list, WPAD,
 * classless routes, lease times and more, decoded by type, or exactly the
 * codes in `options.options`. Reading an option the client does not hold may
 * make Windows ask the server, so the calls are bounded by `timeout` (30 s).
 *
 * @example Print the WPAD URL and the DNS servers the server handed out
 * ```ts
 * import { dhcpOptions } from "@leasectl/leasectl";
 *
 * for (const adapter of await dhcpOptions("Ethernet", { options: [6, 252] })) {
 *   for (const option of adapter.options) console.log(option.name, option.value);
 * }
 * ```
 *
 * @throws {AdapterNotFoundError} when `adapter` matches nothing.
 */
export function dhcpOptions(adapter?: string, options: DhcpOptionsOptions = {}): Promise<AdapterOptions[]> {
  return readOptions(adapter, { ...options, backend: options.backend ?? defaultBackend() })
    .then((reading) => reading.adapters);
}
