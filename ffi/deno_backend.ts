/**
 * The backend on Deno's FFI. Each DLL is opened on first use, never at import,
 * so that importing leasectl on any OS, or for documentation, loads nothing.
 *
 * @module
 */

import { FfiPermissionError, LibraryLoadError, UnsupportedPlatformError } from "../lib/errors.ts";
import { type Backend, IPHLPAPI_OVERRIDE } from "./backend.ts";
import {
  dnsapi,
  FORMAT_MESSAGE_FROM_SYSTEM,
  FORMAT_MESSAGE_IGNORE_INSERTS,
  iphlpapi,
  kernel32,
} from "./symbols.ts";

const utf16 = new TextDecoder("utf-16le");
const MESSAGE_UNITS = 512;

function open<S extends Deno.ForeignLibraryInterface>(
  library: string,
  choosePath: () => string,
  symbols: S,
): Deno.DynamicLibrary<S> {
  if (Deno.build.os !== "windows") throw new UnsupportedPlatformError(Deno.build.os);
  const path = choosePath();
  try {
    return Deno.dlopen(path, symbols);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new FfiPermissionError({ cause: error });
    }
    throw new LibraryLoadError(library, [path], { cause: error });
  }
}

/** The DLL to open as Iphlpapi: the override, when environment access to it is already granted. */
function iphlpapiPath(): string {
  const access = Deno.permissions.querySync({ name: "env", variable: IPHLPAPI_OVERRIDE });
  return (access.state === "granted" && Deno.env.get(IPHLPAPI_OVERRIDE)) || "iphlpapi.dll";
}

/** A pending op of Deno's, as its core can un-reference it; not part of Deno's public API. */
type DenoCore = { unrefOpPromise?: (promise: Promise<unknown>) => void };

function denoCore(): DenoCore | undefined {
  const internal = Reflect.get(Deno, "internal");
  return typeof internal === "symbol" ? Reflect.get(Deno, internal)?.core : undefined;
}

/** Makes the backend that calls the real DLLs through `Deno.dlopen`. */
export function createNativeBackend(): Backend {
  let ip: Deno.DynamicLibrary<typeof iphlpapi>["symbols"] | undefined;
  let kernel: Deno.DynamicLibrary<typeof kernel32>["symbols"] | undefined;
  let dns: Deno.DynamicLibrary<typeof dnsapi>["symbols"] | undefined;
  const helper = () => ip ??= open("Iphlpapi.dll", iphlpapiPath, iphlpapi).symbols;

  return {
    getInterfaceInfo: (table, size) => helper().GetInterfaceInfo(table, size),
    getAdaptersAddresses: (family, flags, buffer, size) =>
      helper().GetAdaptersAddresses(family, flags, null, buffer, size),
    getAdaptersInfo: (buffer, size) => helper().GetAdaptersInfo(buffer, size),
    addressOf: (buffer) => BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer))),
    ipReleaseAddress: (indexMap) => helper().IpReleaseAddress(indexMap),
    ipRenewAddress: (indexMap) => helper().IpRenewAddress(indexMap),
    // A native call cannot be cancelled. Deno keeps the process alive while one
    // is pending, and only its core can let go of it; where that is missing the
    // process waits for the call, as it would anyway.
    abandon: (call) => denoCore()?.unrefOpPromise?.(call),
    formatMessage(code) {
      kernel ??= open("kernel32.dll", () => "kernel32.dll", kernel32).symbols;
      const text = new Uint16Array(MESSAGE_UNITS);
      const flags = FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS;
      const length = kernel.FormatMessageW(flags, null, code, 0, text, MESSAGE_UNITS, null);
      return length ? utf16.decode(text.subarray(0, length)).trim() || undefined : undefined;
    },
    flushDnsResolverCache() {
      dns ??= open("dnsapi.dll", () => "dnsapi.dll", dnsapi).symbols;
      if (!dns.DnsFlushResolverCache) {
        throw new LibraryLoadError("DnsFlushResolverCache", ["dnsapi.dll"]);
      }
      return dns.DnsFlushResolverCache() !== 0;
    },
  };
}
