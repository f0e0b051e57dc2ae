/**
 * The backend on Node, through koffi: the npm build puts it where Deno's
 * backend is (as dnt's `mappings` would), and it behaves as that one does.
 * koffi is loaded and each DLL opened on first use, never at import; the same
 * symbol tables declare the functions; release and renew run on threads of
 * their own; and the errors are the same classes.
 *
 * Memory that native code keeps or points into is koffi's own (`koffi.alloc`):
 * koffi passes a typed array's memory only for the length of one call, and
 * GetAdaptersAddresses' pointers must be read against the address it wrote at.
 *
 * @module
 */

import { spawn } from "node:child_process";
import process from "node:process";
import { FfiPermissionError, LibraryLoadError, PermissionError, Win32Error } from "./errors.ts";
import type { Backend, NotificationKind, NotificationRegistration, RowNotification } from "./backend.ts";
import { decodeRow, rowBytes } from "./notifications.ts";
import { type Koffi, loadKoffi } from "./koffi_loader.ts";
import { checkArchitecture } from "./platform.ts";
import {
  CANCEL_PROCEDURE,
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
import { DHCPCAPI_PARAMS, dhcpConstants } from "./layouts.ts";
import { runsUnderWine } from "./wine.ts";

type Pointer = unknown; // koffi's opaque external pointer, or null
type NativeFunction = (...args: unknown[]) => unknown;
type Parameter = string | { struct: readonly string[] };
type SymbolTable = Record<string, { parameters: readonly Parameter[]; result: string; optional?: boolean }>;

/** Deno's FFI types, as koffi names them. */
const KOFFI_TYPE: Record<string, string> = {
  u32: "uint32_t",
  i32: "int32_t",
  usize: "size_t",
  pointer: "void *",
  buffer: "void *",
  u16: "uint16_t",
  u8: "uint8_t",
  function: "void *", // a koffi.register()ed callback
  void: "void",
};

/** koffi's struct types for symbols.ts's `{ struct: [...] }` parameters, fields f0, f1, …, one per shape. */
const structTypes = new Map<string, unknown>();

function koffiType(k: Koffi, type: Parameter): unknown {
  if (typeof type === "string") return KOFFI_TYPE[type];
  const key = type.struct.join(",");
  if (!structTypes.has(key)) {
    const fields = Object.fromEntries(type.struct.map((field, i) => [`f${i}`, KOFFI_TYPE[field]]));
    structTypes.set(key, k.struct(fields));
  }
  return structTypes.get(key);
}

/** The callback both change notifications take (symbols.ts's changeCallback), declared once per process. */
let changeCallbackType: ReturnType<Koffi["proto"]> | undefined;

let koffiModule: Koffi | undefined;

/** koffi, loaded on first use, on 64-bit Windows only. */
function koffi(): Koffi {
  checkArchitecture(process.platform, process.arch);
  try {
    return koffiModule ??= loadKoffi();
  } catch (error) {
    if (error instanceof LibraryLoadError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ERR_DLOPEN_DISABLED" || code === "ERR_ACCESS_DENIED") {
      throw new FfiPermissionError("Run node with --allow-addons, or without --permission.", {
        cause: error,
      });
    }
    throw new LibraryLoadError("koffi", ["koffi"], { cause: error });
  }
}

/** Opens `path` and declares the functions of `table` in it. */
function open<T extends SymbolTable>(
  library: string,
  path: string,
  table: T,
): Record<keyof T, NativeFunction> {
  const k = koffi();
  let handle;
  try {
    handle = k.load(path);
  } catch (error) {
    throw new LibraryLoadError(library, [path], { cause: error });
  }
  const functions = {} as Record<keyof T, NativeFunction>;
  for (const [name, { parameters, result, optional }] of Object.entries(table)) {
    try {
      functions[name as keyof T] = handle.func(
        "__stdcall",
        name,
        KOFFI_TYPE[result],
        parameters.map((type) => koffiType(k, type)) as string[],
      );
    } catch (error) {
      if (!optional) throw new LibraryLoadError(name, [path], { cause: error });
    }
  }
  return functions;
}

/** Makes the backend that calls the real DLLs through koffi. */
export function createNativeBackend(): Backend {
  let kernel: Record<keyof typeof kernel32, NativeFunction> | undefined;
  let ipHelper: Record<keyof typeof iphlpapi, NativeFunction> | undefined;
  let dns: Record<keyof typeof dnsapi, NativeFunction> | undefined;
  let procedures: Record<typeof iphlpapiThreadProcedures[number], Pointer> | undefined;
  let cancelProcedure: Pointer | undefined;
  let iphlpapiPath: string | undefined;
  const writtenAt = new WeakMap<Uint8Array, bigint>();

  let system: string | undefined;

  const kernel32Functions = () => kernel ??= open(KERNEL32, KERNEL32, kernel32);
  /**
   * A DLL's path: the override where one is set (Node has no environment
   * permission to respect), otherwise in the system folder, never a bare name.
   */
  const libraryPath = (file: string, variable: string) =>
    process.env[variable] ||
    systemFile(
      system ??= systemDirectory((buffer, size) => kernel32Functions().GetSystemDirectoryW(buffer, size)),
      file,
    );
  const ipconfigPath = () => {
    const path = libraryPath("ipconfig.exe", IPCONFIG_OVERRIDE);
    // Node's permission model (--permission) refuses child processes unless allowed.
    const permission = (process as { permission?: { has(scope: string): boolean } }).permission;
    if (permission && !permission.has("child")) {
      throw new PermissionError(
        "leasectl runs ipconfig.exe for IPv6 leases, as Windows has no function for them, and was not given " +
          "permission to. Run node with --allow-child-process as well.",
      );
    }
    return path;
  };
  const iphlpapiFunctions = () => {
    if (ipHelper) return ipHelper;
    const path = iphlpapiPath = libraryPath("iphlpapi.dll", IPHLPAPI_OVERRIDE);
    ipHelper = open("Iphlpapi.dll", path, iphlpapi);
    const k = kernel32Functions();
    procedures = findProcedures(
      path,
      iphlpapiThreadProcedures,
      (name) => k.LoadLibraryW(name),
      (module, name) => k.GetProcAddress(module, name),
    );
    return ipHelper;
  };

  /** Lets `call` fill koffi's memory, then copies it into `buffer` and notes the address it was at. */
  const fillFromNative = (buffer: Uint8Array, call: (memory: Pointer) => unknown): number => {
    const k = koffi();
    const memory = k.alloc("uint8_t", buffer.length);
    try {
      const code = call(memory) as number;
      buffer.set(new Uint8Array(k.view(memory, buffer.length)));
      writtenAt.set(buffer, k.address(memory));
      return code;
    } finally {
      k.free(memory);
    }
  };

  const threads = new ThreadCalls<{ thread: Pointer; argument: Pointer }>({
    start(procedure, argument) {
      const k = koffi();
      const memory = k.alloc("uint8_t", argument.length);
      new Uint8Array(k.view(memory, argument.length)).set(argument);
      const thread = kernel32Functions().CreateThread(null, 0, procedure, memory, 0, null);
      if (thread) return { thread, argument: memory };
      k.free(memory);
      return null;
    },
    startWithValue(procedure, value) {
      const thread = kernel32Functions().CreateThread(null, 0, procedure, value, 0, null);
      return thread ? { thread, argument: null } : null;
    },
    exitCode: ({ thread }) => {
      const k = kernel32Functions();
      return threadExitCode(thread, k.WaitForSingleObject, k.GetExitCodeThread, k.GetLastError);
    },
    close({ thread, argument }) {
      kernel32Functions().CloseHandle(thread);
      if (argument) koffi().free(argument);
    },
  });
  const runOnThread = (name: typeof iphlpapiThreadProcedures[number], indexMap: Uint8Array) => {
    iphlpapiFunctions();
    return threads.run(procedures![name], indexMap);
  };

  /** CancelMibChangeNotify2's address, or null where the DLL lacks it. */
  const findCancelProcedure = () => {
    if (cancelProcedure !== undefined) return cancelProcedure;
    const k = kernel32Functions();
    try {
      return cancelProcedure = findProcedures(
        iphlpapiPath!,
        [CANCEL_PROCEDURE],
        (name) => k.LoadLibraryW(name),
        (module, name) => k.GetProcAddress(module, name),
      ).CancelMibChangeNotify2;
    } catch {
      return cancelProcedure = null;
    }
  };

  /**
   * koffi runs a registered callback that another thread calls on the main thread,
   * and that thread waits meanwhile; its queue does not keep the event loop alive.
   * A callback still registered when a foreign thread calls it at exit aborts the
   * process, so every way out cancels, and unregisters only once the cancel returned.
   */
  const notifyChanges = (
    kind: NotificationKind,
    onNotification: (notification: RowNotification) => void,
  ): NotificationRegistration => {
    const functions = iphlpapiFunctions();
    const name = kind === "address" ? "NotifyUnicastIpAddressChange" : "NotifyIpInterfaceChange";
    const register = functions[name];
    const cancelAt = findCancelProcedure();
    if (!register) throw new LibraryLoadError(name, [iphlpapiPath!]);
    if (!cancelAt) throw new LibraryLoadError(CANCEL_PROCEDURE, [iphlpapiPath!]);
    const k = koffi();
    changeCallbackType ??= k.proto(
      "void __stdcall LeasectlChangeCallback(void *context, void *row, uint32_t type)",
    );
    const size = rowBytes(kind);
    const callback = k.register((_context: unknown, row: unknown, type: number) => {
      const bytes = row ? Uint8Array.from(k.decode(row, "uint8_t", size) as ArrayLike<number>) : null;
      onNotification(decodeRow(kind, type, bytes));
    }, k.pointer(changeCallbackType));
    const out = k.alloc("uint8_t", 8);
    let handle: Pointer;
    try {
      const code = register(0, callback, null, 0, out) as number;
      if (code !== 0) {
        throw new Win32Error(name, code, systemMessage(kernel32Functions().FormatMessageW, code));
      }
      handle = k.decode(out, "void *");
    } catch (error) {
      k.unregister(callback);
      throw error;
    } finally {
      k.free(out);
    }
    let cancelled: Promise<void> | undefined;
    return {
      cancel: () =>
        cancelled ??= threads.runWithValue(cancelAt, handle).then((result) => {
          // 8: no thread could start, so the registration is live and its callback must stay.
          if (result !== 8) k.unregister(callback);
        }),
    };
  };

  let dhcp4: Record<keyof typeof dhcpcsvc, NativeFunction> | undefined;
  let dhcp6: Record<keyof typeof dhcpcsvc6, NativeFunction> | undefined;
  const dhcpcsvcFunctions = () =>
    dhcp4 ??= open("dhcpcsvc.dll", libraryPath("dhcpcsvc.dll", DHCPCSVC_OVERRIDE), dhcpcsvc);
  const dhcpcsvc6Functions = () =>
    dhcp6 ??= open("dhcpcsvc6.dll", libraryPath("dhcpcsvc6.dll", DHCPCSVC6_OVERRIDE), dhcpcsvc6);

  /** DHCP calls still running on libuv's pool. */
  let pending = 0, exitHooked = false;
  /**
   * At exit, libuv joins its pool's threads: a DHCP call given up on at --timeout would hold the
   * process until it returns (a minute or more). Where one still runs, the process ends at once.
   */
  const endPendingCallsAtExit = () => {
    if (exitHooked) return;
    exitHooked = true;
    const k = kernel32Functions();
    process.on("exit", (code) => {
      if (pending > 0) k.TerminateProcess(k.GetCurrentProcess(), code);
    });
  };

  /**
   * DhcpRequestParams through koffi's async call (on libuv's pool), over memory of koffi's
   * own: the call may outlive a caller that gave up on it, so the memory is copied back
   * and freed only when it ends.
   */
  const dhcpRequestParams = (
    family: 4 | 6,
    name: Uint16Array,
    params: Uint8Array,
    buffer: Uint8Array,
    size: Uint32Array,
  ): Promise<number> => {
    const k = koffi();
    const copy = (bytes: ArrayBufferView) => {
      const memory = k.alloc("uint8_t", Math.max(1, bytes.byteLength));
      new Uint8Array(k.view(memory, bytes.byteLength)).set(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
      return memory;
    };
    const memories = [name, params, buffer, size].map(copy);
    const [nameAt, paramsAt, bufferAt, sizeAt] = memories;
    const recd = { f0: params.length / DHCPCAPI_PARAMS.size, f1: paramsAt };
    const call = family === 4
      ? dhcpcsvcFunctions().DhcpRequestParams
      : dhcpcsvc6Functions().Dhcpv6RequestParams;
    const args = family === 4
      ? [
        dhcpConstants.DHCPCAPI_REQUEST_SYNCHRONOUS,
        null,
        nameAt,
        null,
        { f0: 0, f1: null },
        recd,
        bufferAt,
        sizeAt,
        null,
      ]
      : [0, null, nameAt, null, recd, bufferAt, sizeAt];
    endPendingCallsAtExit();
    pending++;
    return new Promise((resolve, reject) => {
      (call as unknown as { async(...args: unknown[]): void }).async(
        ...args,
        (error: unknown, code: number) => {
          try {
            if (error) return reject(error);
            params.set(new Uint8Array(k.view(paramsAt, params.length)));
            buffer.set(new Uint8Array(k.view(bufferAt, buffer.length)));
            new Uint8Array(size.buffer, size.byteOffset, 4).set(new Uint8Array(k.view(sizeAt, 4)));
            writtenAt.set(buffer, k.address(bufferAt));
            resolve(code);
          } finally {
            pending--;
            memories.forEach((memory) => k.free(memory));
          }
        },
      );
    });
  };

  const dhcp = {
    dhcpInitialize(family: 4 | 6) {
      const version = new Uint32Array(1);
      return (family === 4
        ? dhcpcsvcFunctions().DhcpCApiInitialize(version)
        : dhcpcsvc6Functions().Dhcpv6CApiInitialize(version)) as number;
    },
    dhcpRequestParams,
    dhcpCleanup(family: 4 | 6) {
      if (family === 4) dhcpcsvcFunctions().DhcpCApiCleanup();
      else dhcpcsvc6Functions().Dhcpv6CApiCleanup();
    },
    dhcpv6Callable() {
      if (process.env[DHCPCSVC6_OVERRIDE]) return true;
      const k = kernel32Functions();
      const directory = system ??= systemDirectory((buffer, size) => k.GetSystemDirectoryW(buffer, size));
      return !runsUnderWine(
        systemFile(directory, "ntdll.dll"),
        (path) => k.LoadLibraryW(path),
        (module, name) => k.GetProcAddress(module, name),
      );
    },
  };

  return {
    ...dhcp,
    notifyChanges,
    getInterfaceInfo: (table, size) =>
      fillFromNative(table, (memory) => iphlpapiFunctions().GetInterfaceInfo(memory, size)),
    getAdaptersAddresses: (family, flags, buffer, size) =>
      fillFromNative(
        buffer,
        (memory) => iphlpapiFunctions().GetAdaptersAddresses(family, flags, null, memory, size),
      ),
    getAdaptersInfo: (buffer, size) =>
      fillFromNative(buffer, (memory) => iphlpapiFunctions().GetAdaptersInfo(memory, size)),
    getNetworkParams: (buffer, size) =>
      fillFromNative(buffer, (memory) => iphlpapiFunctions().GetNetworkParams(memory, size)),
    addressOf: (buffer) => writtenAt.get(buffer) ?? 0n,
    ipReleaseAddress: (indexMap) => runOnThread("IpReleaseAddress", indexMap),
    ipRenewAddress: (indexMap) => runOnThread("IpRenewAddress", indexMap),
    abandon: (call) => threads.abandon(call),
    formatMessage: (code) => systemMessage(kernel32Functions().FormatMessageW, code),
    flushDnsResolverCache() {
      const path = libraryPath("dnsapi.dll", DNSAPI_OVERRIDE);
      dns ??= open("dnsapi.dll", path, dnsapi);
      if (!dns.DnsFlushResolverCache) throw new LibraryLoadError("DnsFlushResolverCache", [path]);
      return dns.DnsFlushResolverCache() !== 0;
    },
    ipconfigPath,
    runIpconfig(args, signal) {
      const path = ipconfigPath();
      return new Promise((resolve, reject) => {
        const child = spawn(path, [...args], {
          signal,
          stdio: ["ignore", "pipe", "pipe"],
          windowsHide: true,
        });
        const chunks: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
        child.on("error", (error) => signal.aborted ? resolve({ exitCode: -1, output: "" }) : reject(error));
        child.on(
          "close",
          (code) => resolve({ exitCode: code ?? -1, output: Buffer.concat(chunks).toString("utf8") }),
        );
      });
    },
  };
}

let defaultInstance: Backend | undefined;

/** The backend the library uses when the caller gives none: one per process, made on first use. */
export function defaultBackend(): Backend {
  return defaultInstance ??= createNativeBackend();
}
