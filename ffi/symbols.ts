/**
 * The Win32 functions leasectl calls, one table per DLL, with each C parameter
 * beside its FFI type. Result widths match C exactly: DWORD/ULONG are u32, BOOL is i32.
 *
 * @module
 */

/** iphlpapi.dll: adapters, addresses and DHCP leases. */
export const iphlpapi = {
  GetInterfaceInfo: {
    parameters: [
      "buffer", // PIP_INTERFACE_INFO pIfTable (NULL to ask for the size)
      "buffer", // PULONG dwOutBufLen
    ],
    result: "u32", // DWORD
  },
  GetAdaptersAddresses: {
    parameters: [
      "u32", // ULONG Family
      "u32", // ULONG Flags
      "pointer", // PVOID Reserved (NULL)
      "buffer", // PIP_ADAPTER_ADDRESSES AdapterAddresses
      "buffer", // PULONG SizePointer
    ],
    result: "u32", // ULONG
  },
  GetAdaptersInfo: {
    parameters: [
      "buffer", // PIP_ADAPTER_INFO AdapterInfo
      "buffer", // PULONG SizePointer
    ],
    result: "u32", // DWORD
  },
  IpReleaseAddress: {
    parameters: ["buffer"], // PIP_ADAPTER_INDEX_MAP AdapterInfo
    result: "u32", // DWORD
    nonblocking: true, // blocks until the DHCP server has been told
  },
  IpRenewAddress: {
    parameters: ["buffer"], // PIP_ADAPTER_INDEX_MAP AdapterInfo
    result: "u32", // DWORD
    nonblocking: true, // blocks until the DHCP exchange ends: up to a minute without a server
  },
} as const satisfies Deno.ForeignLibraryInterface;

/** kernel32.dll: the system's own text for an error code. */
export const kernel32 = {
  FormatMessageW: {
    parameters: [
      "u32", // DWORD dwFlags
      "pointer", // LPCVOID lpSource (NULL)
      "u32", // DWORD dwMessageId
      "u32", // DWORD dwLanguageId
      "buffer", // LPWSTR lpBuffer
      "u32", // DWORD nSize, in WCHARs
      "pointer", // va_list *Arguments (NULL)
    ],
    result: "u32", // DWORD: WCHARs written, without the NUL
  },
} as const satisfies Deno.ForeignLibraryInterface;

/** dnsapi.dll: the resolver cache that `flushdns` empties. */
export const dnsapi = {
  DnsFlushResolverCache: {
    parameters: [],
    result: "i32", // BOOL
    optional: true, // exported by every Windows since 2000, but not documented
  },
} as const satisfies Deno.ForeignLibraryInterface;

/** FormatMessageW flags: the system's message table, inserts left as they are. */
export const FORMAT_MESSAGE_FROM_SYSTEM = 0x1000;
/** See {@linkcode FORMAT_MESSAGE_FROM_SYSTEM}. */
export const FORMAT_MESSAGE_IGNORE_INSERTS = 0x200;
