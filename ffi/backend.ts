/**
 * The seam between leasectl's logic and the native calls. A backend passes
 * buffers and returns codes and bytes, nothing more: everything it returns goes
 * through the pure codecs. The Deno backend uses `Deno.dlopen`; the npm build
 * swaps in one on koffi; tests use a fake that serves buffers built from the
 * probed layouts.
 *
 * @module
 */

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
   * The ipconfig.exe that IPv6 release and renew run, by absolute path in the
   * system folder (or `LEASECTL_IPCONFIG`). Throws a PermissionError, saying
   * which flag to add, when the runtime will not let leasectl run it.
   */
  ipconfigPath(): string;
  /** Runs ipconfig.exe with `args`, never through a shell; the process is killed when `signal` aborts. */
  runIpconfig(args: readonly string[], signal: AbortSignal): Promise<ProgramRun>;
}
