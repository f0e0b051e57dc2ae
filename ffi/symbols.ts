/**
 * The Win32 functions leasectl calls, one table per DLL, with each C parameter
 * beside its FFI type. Result widths match C exactly: DWORD/ULONG are u32, BOOL is i32.
 *
 * @module
 */

/**
 * The environment variable that names a DLL to open in place of the system
 * Iphlpapi.dll, for test doubles and diagnostics. It is read only where
 * environment access is already granted: leasectl never asks for it.
 */
export const IPHLPAPI_OVERRIDE = "LEASECTL_IPHLPAPI";

/**
 * The environment variable that names a DLL to open in place of the system
 * dnsapi.dll (for `flushdns`), read as {@linkcode IPHLPAPI_OVERRIDE} is.
 */
export const DNSAPI_OVERRIDE = "LEASECTL_DNSAPI";

/**
 * The environment variable that names a program to run in place of the system
 * ipconfig.exe for IPv6 release and renew, read as {@linkcode IPHLPAPI_OVERRIDE} is.
 */
export const IPCONFIG_OVERRIDE = "LEASECTL_IPCONFIG";

/**
 * The environment variables that name DLLs to open in place of the system
 * dhcpcsvc.dll and dhcpcsvc6.dll (for `options`), read as {@linkcode IPHLPAPI_OVERRIDE} is.
 */
export const DHCPCSVC_OVERRIDE = "LEASECTL_DHCPCSVC";
/** See {@linkcode DHCPCSVC_OVERRIDE}. */
export const DHCPCSVC6_OVERRIDE = "LEASECTL_DHCPCSVC6";

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
  GetNetworkParams: {
    parameters: [
      "buffer", // PFIXED_INFO pFixedInfo
      "buffer", // PULONG pOutBufLen
    ],
    result: "u32", // DWORD
  },
  // Change notifications (netioapi.h), for `watch` and `--wait`. Optional: where the DLL lacks
  // them, leasectl reads the adapters again every 250 ms instead.
  NotifyUnicastIpAddressChange: {
    parameters: [
      "u16", // ADDRESS_FAMILY Family (AF_UNSPEC: both)
      "function", // PUNICAST_IPADDRESS_CHANGE_CALLBACK Callback
      "pointer", // PVOID CallerContext (NULL)
      "u8", // BOOLEAN InitialNotification
      "buffer", // HANDLE *NotificationHandle
    ],
    result: "u32", // NETIO_STATUS
    optional: true,
  },
  NotifyIpInterfaceChange: {
    parameters: [
      "u16", // ADDRESS_FAMILY Family (AF_UNSPEC: both)
      "function", // PIPINTERFACE_CHANGE_CALLBACK Callback
      "pointer", // PVOID CallerContext (NULL)
      "u8", // BOOLEAN InitialNotification
      "buffer", // HANDLE *NotificationHandle
    ],
    result: "u32", // NETIO_STATUS
    optional: true,
  },
  NotifyRouteChange2: {
    parameters: [
      "u16", // ADDRESS_FAMILY AddressFamily (AF_UNSPEC: both)
      "function", // PIPFORWARD_CHANGE_CALLBACK Callback
      "pointer", // PVOID CallerContext (NULL)
      "u8", // BOOLEAN InitialNotification
      "buffer", // HANDLE *NotificationHandle
    ],
    result: "u32", // NETIO_STATUS
    optional: true,
  },
  CancelMibChangeNotify2: {
    parameters: ["pointer"], // HANDLE NotificationHandle
    result: "u32", // NETIO_STATUS
    optional: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;

/**
 * The callback every notification takes: `VOID f(PVOID CallerContext, PMIB_…_ROW Row,
 * MIB_NOTIFICATION_TYPE NotificationType)`. Windows calls it on a thread of its own.
 */
export const changeCallback = {
  parameters: [
    "pointer", // PVOID CallerContext
    "pointer", // PMIB_UNICASTIPADDRESS_ROW / PMIB_IPINTERFACE_ROW / PMIB_IPFORWARD_ROW2 Row (NULL: initial)
    "u32", // MIB_NOTIFICATION_TYPE NotificationType
  ],
  result: "void",
} as const;

/**
 * CancelMibChangeNotify2 waits until its handle's running callbacks return, and a
 * thread-safe callback waits for the event loop: called on the event loop's thread,
 * it could wait for itself. Its shape, `DWORD f(HANDLE)`, is a thread procedure's,
 * so it runs on a thread of its own (ffi/thread_calls.ts), found with GetProcAddress.
 */
export const CANCEL_PROCEDURE = "CancelMibChangeNotify2";

/**
 * The iphlpapi.dll functions that block: IpReleaseAddress waits until the DHCP
 * server has been told, IpRenewAddress until the DHCP exchange ends (up to a
 * minute without a server). Both are `DWORD WINAPI f(PIP_ADAPTER_INDEX_MAP)`, a
 * thread procedure's shape, so each call runs on a thread of its own
 * (ffi/thread_calls.ts), found by name with GetProcAddress.
 */
export const iphlpapiThreadProcedures = ["IpReleaseAddress", "IpRenewAddress"] as const;

/**
 * kernel32.dll: the system's own text for an error code, threads for the blocking calls,
 * and console text (ipconfig's output) in its code page.
 */
export const kernel32 = {
  GetSystemDirectoryW: {
    parameters: [
      "buffer", // LPWSTR lpBuffer
      "u32", // UINT uSize, in WCHARs
    ],
    result: "u32", // UINT: WCHARs written without the NUL, or the size needed with it
  },
  GetLastError: {
    parameters: [],
    result: "u32", // DWORD
  },
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
  LoadLibraryW: {
    parameters: ["buffer"], // LPCWSTR lpLibFileName
    result: "pointer", // HMODULE: the module already loaded, its count raised
  },
  GetProcAddress: {
    parameters: [
      "pointer", // HMODULE hModule
      "buffer", // LPCSTR lpProcName
    ],
    result: "pointer", // FARPROC
  },
  CreateThread: {
    parameters: [
      "pointer", // LPSECURITY_ATTRIBUTES lpThreadAttributes (NULL)
      "usize", // SIZE_T dwStackSize (0: the default)
      "pointer", // LPTHREAD_START_ROUTINE lpStartAddress
      "pointer", // LPVOID lpParameter
      "u32", // DWORD dwCreationFlags
      "pointer", // LPDWORD lpThreadId (NULL)
    ],
    result: "pointer", // HANDLE, NULL on failure
  },
  WaitForSingleObject: {
    parameters: [
      "pointer", // HANDLE hHandle
      "u32", // DWORD dwMilliseconds
    ],
    result: "u32", // DWORD: WAIT_OBJECT_0 (0) once the thread has ended
  },
  GetExitCodeThread: {
    parameters: [
      "pointer", // HANDLE hThread
      "buffer", // LPDWORD lpExitCode
    ],
    result: "i32", // BOOL
  },
  CloseHandle: {
    parameters: ["pointer"], // HANDLE hObject
    result: "i32", // BOOL
  },
  // ipconfig writes in the console's code page when its output is redirected (ffi/console_text.ts).
  GetConsoleOutputCP: {
    parameters: [],
    result: "u32", // UINT: 0 where the process has no console
  },
  GetOEMCP: {
    parameters: [],
    result: "u32", // UINT
  },
  MultiByteToWideChar: {
    parameters: [
      "u32", // UINT CodePage
      "u32", // DWORD dwFlags
      "buffer", // LPCCH lpMultiByteStr
      "i32", // int cbMultiByte
      "buffer", // LPWSTR lpWideCharStr (NULL to ask for the length)
      "i32", // int cchWideChar
    ],
    result: "i32", // int: WCHARs written (or needed), 0 on failure
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
const FORMAT_MESSAGE_FROM_SYSTEM = 0x1000, FORMAT_MESSAGE_IGNORE_INSERTS = 0x200;
const MESSAGE_UNITS = 512;

/**
 * The system's own text for a Win32 error code, through the runtime's binding
 * of FormatMessageW; undefined where the system has none.
 */
export function systemMessage(
  formatMessageW: (...args: [number, null, number, number, Uint16Array, number, null]) => unknown,
  code: number,
): string | undefined {
  const text = new Uint16Array(MESSAGE_UNITS);
  const flags = FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS;
  const length = formatMessageW(flags, null, code, 0, text, MESSAGE_UNITS, null) as number;
  return length
    ? new TextDecoder("utf-16le").decode(text.subarray(0, length)).trim() || undefined
    : undefined;
}

/** DHCPCAPI_PARAMS_ARRAY / DHCPV6CAPI_PARAMS_ARRAY (ULONG nParams; LPDHCPCAPI_PARAMS Params), passed by value. */
export const paramsArrayStruct = { struct: ["u32", "pointer"] } as const;

/**
 * dhcpcsvc.dll: the DHCP client's options for an adapter (dhcpcsdk.h).
 * DhcpRequestParams is no thread procedure (nine parameters, one struct by
 * value), so the thread runner cannot start it: it runs as the runtime's own
 * call off the event loop (`nonblocking`; koffi's async call), bounded by
 * the caller's deadline and given up on past it.
 */
export const dhcpcsvc = {
  DhcpCApiInitialize: {
    parameters: ["buffer"], // LPDWORD Version
    result: "u32", // DWORD
  },
  DhcpCApiCleanup: {
    parameters: [],
    result: "void", // VOID
  },
  DhcpRequestParams: {
    parameters: [
      "u32", // DWORD Flags (DHCPCAPI_REQUEST_SYNCHRONOUS)
      "pointer", // LPVOID Reserved (NULL)
      "pointer", // LPWSTR AdapterName ("{GUID}"), pinned: the call may outlive its caller
      "pointer", // LPDHCPCAPI_CLASSID ClassId (NULL)
      paramsArrayStruct, // DHCPCAPI_PARAMS_ARRAY SendParams (empty)
      paramsArrayStruct, // DHCPCAPI_PARAMS_ARRAY RecdParams
      "pointer", // LPBYTE Buffer, pinned
      "pointer", // LPDWORD pSize, pinned
      "pointer", // LPWSTR RequestIdStr (NULL: not persistent)
    ],
    result: "u32", // DWORD
    nonblocking: true, // may send a DHCPINFORM and wait minutes for the server
  },
} as const satisfies Deno.ForeignLibraryInterface;

/** dhcpcsvc6.dll: the DHCPv6 client's options (dhcpv6csdk.h), as {@linkcode dhcpcsvc}. */
export const dhcpcsvc6 = {
  Dhcpv6CApiInitialize: {
    parameters: ["buffer"], // LPDWORD Version
    result: "u32", // DWORD
  },
  Dhcpv6CApiCleanup: {
    parameters: [],
    result: "void", // VOID
  },
  Dhcpv6RequestParams: {
    parameters: [
      "i32", // BOOL forceNewInform (FALSE)
      "pointer", // LPVOID reserved (NULL)
      "pointer", // LPWSTR adapterName ("{GUID}"), pinned
      "pointer", // LPDHCPV6CAPI_CLASSID classId (NULL)
      paramsArrayStruct, // DHCPV6CAPI_PARAMS_ARRAY recdParams
      "pointer", // LPBYTE buffer, pinned
      "pointer", // LPDWORD pSize, pinned
    ],
    result: "u32", // DWORD
    nonblocking: true,
  },
} as const satisfies Deno.ForeignLibraryInterface;

/**
 * The DLLs leasectl opens, each by its absolute path in the system folder, or
 * from its override: the name errors give it, its file, the override variable
 * and its functions. A new DLL is its table above and one entry here.
 */
export const libraries = {
  iphlpapi: { name: "Iphlpapi.dll", file: "iphlpapi.dll", override: IPHLPAPI_OVERRIDE, symbols: iphlpapi },
  dnsapi: { name: "dnsapi.dll", file: "dnsapi.dll", override: DNSAPI_OVERRIDE, symbols: dnsapi },
  dhcpcsvc: { name: "dhcpcsvc.dll", file: "dhcpcsvc.dll", override: DHCPCSVC_OVERRIDE, symbols: dhcpcsvc },
  dhcpcsvc6: {
    name: "dhcpcsvc6.dll",
    file: "dhcpcsvc6.dll",
    override: DHCPCSVC6_OVERRIDE,
    symbols: dhcpcsvc6,
  },
} as const;
