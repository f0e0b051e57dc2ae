/**
 * The seam between leasectl's logic and the native calls. A backend passes
 * buffers and returns codes and bytes, nothing more: everything it returns goes
 * through the pure codecs. The Deno backend uses `Deno.dlopen`; the npm build
 * swaps in one on koffi; tests use a fake that serves buffers built from the
 * probed layouts.
 *
 * @module
 */

/**
 * Which notification: NotifyUnicastIpAddressChange ("address"), NotifyIpInterfaceChange
 * ("interface") or NotifyRouteChange2 ("route": a default gateway that comes or goes is a route).
 */
export type NotificationKind = "address" | "interface" | "route";

/** The few fields a change notification's callback copies from its row before it returns. */
export interface RowNotification {
  /** Which registration it came from. */
  kind: NotificationKind;
  /** MIB_NOTIFICATION_TYPE: 0 parameter change, 1 added, 2 deleted, 3 initial (with no row). */
  type: number;
  /** The row's address family (AF_INET 2, AF_INET6 23; a route's destination's), 0 with no row. */
  family: number;
  /** The row's InterfaceIndex, 0 with no row. */
  index: number;
  /**
   * An address row's address, or a route row's next hop (its gateway), 4 or 16 bytes;
   * null for interface rows and with no row.
   */
  address: Uint8Array | null;
  /** A route row's destination prefix length: 0 for a default route. Absent for other kinds. */
  prefixLength?: number;
}

/** A live native registration for change notifications. */
export interface NotificationRegistration {
  /**
   * CancelMibChangeNotify2 on a thread of its own (never on a callback's thread, and
   * never blocking the event loop that a waiting callback needs), then, once it has
   * returned and no callback can run any more, closes the callback.
   */
  cancel(): Promise<void>;
}

/** What a run of ipconfig.exe did. */
export interface ProgramRun {
  /** Its exit status: 0 is success, whatever language it speaks. */
  exitCode: number;
  /** What it wrote to stdout and stderr, for a failure's reason. */
  output: string;
}

/** The native calls leasectl makes, one method each, with the C calling shape kept. */
export interface Backend {
  /** GetInterfaceInfo(pIfTable, dwOutBufLen): the Win32 result code. */
  getInterfaceInfo(table: Uint8Array, size: Uint32Array): number;
  /** GetAdaptersAddresses(Family, Flags, NULL, AdapterAddresses, SizePointer). */
  getAdaptersAddresses(family: number, flags: number, buffer: Uint8Array, size: Uint32Array): number;
  /** GetAdaptersInfo(AdapterInfo, SizePointer). */
  getAdaptersInfo(buffer: Uint8Array, size: Uint32Array): number;
  /** GetNetworkParams(pFixedInfo, pOutBufLen). */
  getNetworkParams(buffer: Uint8Array, size: Uint32Array): number;
  /** The address native code sees for `buffer[0]`, to turn the pointers it wrote into offsets. */
  addressOf(buffer: Uint8Array): bigint;
  /** IpReleaseAddress(AdapterInfo), off the main thread. */
  ipReleaseAddress(indexMap: Uint8Array): Promise<number>;
  /** IpRenewAddress(AdapterInfo), off the main thread. */
  ipRenewAddress(indexMap: Uint8Array): Promise<number>;
  /**
   * Lets a call that ran past its timeout keep running without holding the
   * process open; its promise still settles when the call ends.
   */
  abandon(call: Promise<number>): void;
  /** FormatMessageW: the system's text for a Win32 error code, if it has one. */
  formatMessage(code: number): string | undefined;
  /** DnsFlushResolverCache(): whether it succeeded. */
  flushDnsResolverCache(): boolean;
  /**
   * NotifyUnicastIpAddressChange / NotifyIpInterfaceChange / NotifyRouteChange2(AF_UNSPEC, callback, NULL,
   * FALSE, &handle) with a thread-safe callback that copies the row's few fields and
   * hands them to `onNotification`. The callback does not keep the process alive.
   * Throws a LibraryLoadError where the DLL lacks the function, a Win32Error where
   * registering fails. Backends without it have no notifications (leasectl polls).
   */
  notifyChanges?(
    kind: NotificationKind,
    onNotification: (notification: RowNotification) => void,
  ): NotificationRegistration;
  /**
   * The ipconfig.exe that IPv6 release and renew run, by absolute path in the
   * system folder (or `LEASECTL_IPCONFIG`). Throws a PermissionError, saying
   * which flag to add, when the runtime will not let leasectl run it.
   */
  ipconfigPath(): string;
  /** Runs ipconfig.exe with `args`, never through a shell; the process is killed when `signal` aborts. */
  runIpconfig(args: readonly string[], signal: AbortSignal): Promise<ProgramRun>;
  /** DhcpCApiInitialize(&Version) (family 4) or Dhcpv6CApiInitialize (6): the Win32 result code. */
  dhcpInitialize(family: DhcpFamily): number;
  /**
   * DhcpRequestParams(DHCPCAPI_REQUEST_SYNCHRONOUS, NULL, adapterName, NULL, {0, NULL},
   * {n, params}, buffer, size, NULL), or Dhcpv6RequestParams(FALSE, NULL, adapterName, NULL,
   * {n, params}, buffer, size), off the event loop: the Win32 result code. `params` is the
   * DHCPCAPI_PARAMS array (ffi/codecs/dhcp_params.ts), which the call fills; `addressOf(buffer)`
   * is then where it wrote. A call given up on may still write into both until it ends.
   */
  dhcpRequestParams(
    family: DhcpFamily,
    adapterName: Uint16Array,
    params: Uint8Array,
    buffer: Uint8Array,
    size: Uint32Array,
  ): Promise<number>;
  /** DhcpCApiCleanup() / Dhcpv6CApiCleanup(). */
  dhcpCleanup(family: DhcpFamily): void;
  /**
   * Whether the DHCPv6 calls may be made: false where dhcpcsvc6.dll is Wine's, whose
   * Dhcpv6 functions are stubs that end the process when called. A file named by
   * `LEASECTL_DHCPCSVC6` is called.
   */
  dhcpv6Callable(): boolean;
}

/** Which DHCP client: 4 (dhcpcsvc.dll) or 6 (dhcpcsvc6.dll). */
export type DhcpFamily = 4 | 6;
