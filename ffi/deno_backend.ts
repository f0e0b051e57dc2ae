/**
 * The backend on Deno's FFI. Each DLL is opened on first use, never at import,
 * so that importing leasectl on any OS, or for documentation, loads nothing.
 *
 * @module
 */

import { FfiPermissionError, LibraryLoadError, PermissionError, Win32Error } from "./errors.ts";
import type { Backend, NotificationKind, NotificationRegistration, RowNotification } from "./backend.ts";
import { decodeRow, rowBytes } from "./notifications.ts";
import { checkArchitecture } from "./platform.ts";
import {
  CANCEL_PROCEDURE,
  changeCallback,
  dhcpcsvc,
  dhcpcsvc6,
  DHCPCSVC6_OVERRIDE,
  DHCPCSVC_OVERRIDE,
  dnsapi,
  DNSAPI_OVERRIDE,
  IPCONFIG_OVERRIDE,
  iphlpapi,
  IPHLPAPI_OVERRIDE,
  iphlpapiThreadProcedures,
  kernel32,
  systemMessage,
} from "./symbols.ts";
import { KERNEL32, systemDirectory, systemFile } from "./system_paths.ts";
import { findProcedures, ThreadCalls, threadExitCode } from "./thread_calls.ts";
import { encodeParamsArray } from "./codecs/dhcp_params.ts";
import { DHCPCAPI_PARAMS, dhcpConstants } from "./layouts.ts";
import { runsUnderWine } from "./wine.ts";

type Procedure = typeof iphlpapiThreadProcedures[number];

/** What ThreadCalls answers when no thread could start (ERROR_NOT_ENOUGH_MEMORY). */
const CANNOT_START = 8;

function open<S extends Deno.ForeignLibraryInterface>(library: string, path: string, symbols: S) {
  checkArchitecture(Deno.build.os, Deno.build.arch);
  try {
    return Deno.dlopen(path, symbols).symbols;
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new FfiPermissionError(undefined, { cause: error });
    }
    throw new LibraryLoadError(library, [path], { cause: error });
  }
}

/** The value of an override variable, when environment access to it is already granted: never a prompt. */
function override(variable: string): string | undefined {
  const access = Deno.permissions.querySync({ name: "env", variable });
  return (access.state === "granted" && Deno.env.get(variable)) || undefined;
}

let defaultInstance: Backend | undefined;

/**
 * The backend the library uses when the caller gives none: one per process,
 * made on first use. The npm build maps this module to ./node_backend.ts, as
 * dnt's `mappings` would.
 */
export function defaultBackend(): Backend {
  return defaultInstance ??= createNativeBackend();
}

/** Makes the backend that calls the real DLLs through `Deno.dlopen`. */
export function createNativeBackend(): Backend {
  let kernel: ReturnType<typeof open<typeof kernel32>> | undefined;
  let ipHelper: ReturnType<typeof open<typeof iphlpapi>> | undefined;
  let dns: ReturnType<typeof open<typeof dnsapi>> | undefined;
  let procedures: Record<Procedure, Deno.PointerObject> | undefined;
  let cancelProcedure: Deno.PointerObject | null | undefined;

  let system: string | undefined;

  const kernel32Symbols = () => kernel ??= open(KERNEL32, KERNEL32, kernel32);
  /** A file's path: the override where one is set, otherwise in the system folder, never a bare name. */
  const libraryPath = (file: string, variable: string) =>
    override(variable) ?? systemFile(system ??= systemDirectory(kernel32Symbols().GetSystemDirectoryW), file);
  const ipconfigPath = () => {
    const path = libraryPath("ipconfig.exe", IPCONFIG_OVERRIDE);
    if (Deno.permissions.querySync({ name: "run", command: path }).state !== "granted") {
      throw new PermissionError(
        "leasectl runs ipconfig.exe for IPv6 leases, as Windows has no function for them, and was not given " +
          `permission to. Run it with --allow-run=${path} as well.`,
      );
    }
    return path;
  };
  let iphlpapiPath: string | undefined;
  const iphlpapiSymbols = () => {
    if (ipHelper) return ipHelper;
    const path = iphlpapiPath = libraryPath("iphlpapi.dll", IPHLPAPI_OVERRIDE);
    ipHelper = open("Iphlpapi.dll", path, iphlpapi);
    // The blocking calls run on threads of their own, so their addresses are needed, not wrappers.
    const k = kernel32Symbols();
    procedures = findProcedures(path, iphlpapiThreadProcedures, k.LoadLibraryW, k.GetProcAddress);
    return ipHelper;
  };

  const threads = new ThreadCalls<Deno.PointerObject>({
    start: (procedure, argument) =>
      kernel32Symbols().CreateThread(
        null,
        0n,
        procedure as Deno.PointerObject,
        Deno.UnsafePointer.of(argument),
        0,
        null,
      ),
    startWithValue: (procedure, value) =>
      kernel32Symbols().CreateThread(
        null,
        0n,
        procedure as Deno.PointerObject,
        value as Deno.PointerObject,
        0,
        null,
      ),
    exitCode: (thread) => {
      const k = kernel32Symbols();
      return threadExitCode(thread, k.WaitForSingleObject, k.GetExitCodeThread, k.GetLastError);
    },
    close: (thread) => void kernel32Symbols().CloseHandle(thread),
  });
  const runOnThread = (name: Procedure, indexMap: Uint8Array) => {
    iphlpapiSymbols();
    return threads.run(procedures![name], indexMap);
  };

  /** CancelMibChangeNotify2's address, or null where the DLL lacks it. */
  const findCancelProcedure = () => {
    if (cancelProcedure !== undefined) return cancelProcedure;
    const k = kernel32Symbols();
    try {
      return cancelProcedure =
        findProcedures(iphlpapiPath!, [CANCEL_PROCEDURE], k.LoadLibraryW, k.GetProcAddress)
          .CancelMibChangeNotify2;
    } catch {
      return cancelProcedure = null;
    }
  };

  const notifyChanges = (
    kind: NotificationKind,
    onNotification: (notification: RowNotification) => void,
  ): NotificationRegistration => {
    const symbols = iphlpapiSymbols();
    const name = kind === "address" ? "NotifyUnicastIpAddressChange" : "NotifyIpInterfaceChange";
    const register = symbols[name];
    const cancelAt = findCancelProcedure();
    if (!register) throw new LibraryLoadError(name, [iphlpapiPath!]);
    if (!cancelAt) throw new LibraryLoadError(CANCEL_PROCEDURE, [iphlpapiPath!]);
    const size = rowBytes(kind);
    // Runs on the event loop; the thread Windows called it on waits until it returns.
    const callback = Deno.UnsafeCallback.threadSafe(changeCallback, (_context, row, type) => {
      const bytes = row ? new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(row, size)).slice() : null;
      onNotification(decodeRow(kind, type, bytes));
    });
    callback.unref(); // a subscriber that wants the process kept alive holds it open itself
    const handle = new BigUint64Array(1);
    let code: number;
    try {
      code = register(0, callback.pointer, null, 0, handle);
    } catch (error) {
      callback.close();
      throw error;
    }
    if (code !== 0) {
      callback.close();
      throw new Win32Error(name, code, systemMessage(kernel32Symbols().FormatMessageW, code));
    }
    let cancelled: Promise<void> | undefined;
    return {
      cancel: () =>
        cancelled ??= threads.runWithValue(cancelAt, Deno.UnsafePointer.create(handle[0])).then((result) => {
          // 8: no thread could start, so the registration is live and its callback must stay.
          if (result !== CANNOT_START) callback.close();
        }),
    };
  };

  let dhcp4: ReturnType<typeof open<typeof dhcpcsvc>> | undefined;
  let dhcp6: ReturnType<typeof open<typeof dhcpcsvc6>> | undefined;
  const dhcpcsvcSymbols = () =>
    dhcp4 ??= open("dhcpcsvc.dll", libraryPath("dhcpcsvc.dll", DHCPCSVC_OVERRIDE), dhcpcsvc);
  const dhcpcsvc6Symbols = () =>
    dhcp6 ??= open("dhcpcsvc6.dll", libraryPath("dhcpcsvc6.dll", DHCPCSVC6_OVERRIDE), dhcpcsvc6);
  const pointerTo = (bytes: Uint8Array) => BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(bytes)));
  const dhcp = {
    dhcpInitialize(family: 4 | 6) {
      const version = new Uint32Array(1);
      return family === 4
        ? dhcpcsvcSymbols().DhcpCApiInitialize(version)
        : dhcpcsvc6Symbols().Dhcpv6CApiInitialize(version);
    },
    dhcpRequestParams(
      family: 4 | 6,
      name: Uint16Array,
      params: Uint8Array,
      buffer: Uint8Array,
      size: Uint32Array,
    ) {
      // The struct passed by value; it points at `params`, which the closure keeps alive until the call ends.
      const recd = encodeParamsArray(params.length / DHCPCAPI_PARAMS.size, pointerTo(params));
      const sync = dhcpConstants.DHCPCAPI_REQUEST_SYNCHRONOUS, none = encodeParamsArray(0, 0n);
      return family === 4
        ? dhcpcsvcSymbols().DhcpRequestParams(sync, null, name, null, none, recd, buffer, size, null)
        : dhcpcsvc6Symbols().Dhcpv6RequestParams(0, null, name, null, recd, buffer, size);
    },
    dhcpCleanup(family: 4 | 6) {
      if (family === 4) dhcpcsvcSymbols().DhcpCApiCleanup();
      else dhcpcsvc6Symbols().Dhcpv6CApiCleanup();
    },
    dhcpv6Callable() {
      if (override(DHCPCSVC6_OVERRIDE)) return true;
      const k = kernel32Symbols();
      const ntdll = systemFile(system ??= systemDirectory(k.GetSystemDirectoryW), "ntdll.dll");
      return !runsUnderWine(ntdll, k.LoadLibraryW, k.GetProcAddress);
    },
  };

  return {
    ...dhcp,
    notifyChanges,
    getInterfaceInfo: (table, size) => iphlpapiSymbols().GetInterfaceInfo(table, size),
    getAdaptersAddresses: (family, flags, buffer, size) =>
      iphlpapiSymbols().GetAdaptersAddresses(family, flags, null, buffer, size),
    getAdaptersInfo: (buffer, size) => iphlpapiSymbols().GetAdaptersInfo(buffer, size),
    getNetworkParams: (buffer, size) => iphlpapiSymbols().GetNetworkParams(buffer, size),
    addressOf: (buffer) => BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer))),
    ipReleaseAddress: (indexMap) => runOnThread("IpReleaseAddress", indexMap),
    ipRenewAddress: (indexMap) => runOnThread("IpRenewAddress", indexMap),
    abandon: (call) => threads.abandon(call),
    formatMessage: (code) => systemMessage(kernel32Symbols().FormatMessageW, code),
    flushDnsResolverCache() {
      const path = libraryPath("dnsapi.dll", DNSAPI_OVERRIDE);
      dns ??= open("dnsapi.dll", path, dnsapi);
      if (!dns.DnsFlushResolverCache) throw new LibraryLoadError("DnsFlushResolverCache", [path]);
      return dns.DnsFlushResolverCache() !== 0;
    },
    ipconfigPath,
    async runIpconfig(args, signal) {
      const command = new Deno.Command(ipconfigPath(), {
        args: [...args],
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        signal,
      });
      const { code, stdout, stderr } = await command.output();
      const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
      return { exitCode: code, output: text(stdout) + text(stderr) };
    },
  };
}
