/**
 * The backend on Deno's FFI. Each DLL is opened on first use, never at import,
 * so that importing leasectl on any OS, or for documentation, loads nothing.
 *
 * @module
 */

import { FfiPermissionError, LibraryLoadError, PermissionError } from "./errors.ts";
import type { Backend } from "./backend.ts";
import { checkArchitecture } from "./platform.ts";
import {
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

type Procedure = typeof iphlpapiThreadProcedures[number];

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
  const iphlpapiSymbols = () => {
    if (ipHelper) return ipHelper;
    const path = libraryPath("iphlpapi.dll", IPHLPAPI_OVERRIDE);
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

  return {
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
