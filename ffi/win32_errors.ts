/**
 * The Win32 error codes leasectl meets, by name (winerror.h).
 *
 * @module
 */

/** Win32 error codes by their winerror.h names. */
export const Win32ErrorCode = {
  ERROR_SUCCESS: 0,
  ERROR_FILE_NOT_FOUND: 2,
  ERROR_ACCESS_DENIED: 5,
  ERROR_INVALID_HANDLE: 6,
  ERROR_NOT_ENOUGH_MEMORY: 8,
  ERROR_INVALID_DATA: 13,
  ERROR_NOT_SUPPORTED: 50,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_BUFFER_OVERFLOW: 111,
  ERROR_SEM_TIMEOUT: 121,
  ERROR_INSUFFICIENT_BUFFER: 122,
  ERROR_PROC_NOT_FOUND: 127,
  ERROR_NO_DATA: 232,
  ERROR_MORE_DATA: 234,
  ERROR_ELEVATION_REQUIRED: 740,
  ERROR_NOT_FOUND: 1168,
  ERROR_TIMEOUT: 1460,
  RPC_S_SERVER_UNAVAILABLE: 1722,
  ERROR_FUNCTION_FAILED: 1627,
} as const;

/** A Win32 error code leasectl knows by name. */
export type Win32ErrorCode = typeof Win32ErrorCode[keyof typeof Win32ErrorCode];

const names = new Map<number, string>(
  Object.entries(Win32ErrorCode).map(([name, code]) => [code, name]),
);

/** The winerror.h name of a code, or `ERROR_<code>` for one leasectl does not know by name. */
export function win32ErrorName(code: number): string {
  return names.get(code) ?? `ERROR_${code}`;
}

/** Whether a code means the caller lacks the rights: run from an elevated prompt. */
export function isAccessDenied(code: number): boolean {
  return code === Win32ErrorCode.ERROR_ACCESS_DENIED ||
    code === Win32ErrorCode.ERROR_ELEVATION_REQUIRED;
}

/** What to do about access denied: elevation, or the group that may change IP settings without it. */
export const ELEVATE = "Run leasectl from an elevated prompt (Run as administrator), " +
  "or as a member of the Network Configuration Operators group.";

/**
 * leasectl's own words for the codes whose system text misleads when the DHCP
 * client returns them: 121 reads "The semaphore timeout period has expired",
 * 2 "The system cannot find the file specified", 1722 "The RPC server is unavailable".
 */
const DHCP_WORDING: Record<number, string> = {
  [Win32ErrorCode.ERROR_FILE_NOT_FOUND]:
    "DHCP does not manage this adapter: it has a static address, or no lease to act on.",
  [Win32ErrorCode.ERROR_SEM_TIMEOUT]:
    "Unable to contact your DHCP server: no server answered in time. Check the cable or Wi-Fi connection, " +
    "and that this network has a DHCP server.",
  [Win32ErrorCode.ERROR_PROC_NOT_FOUND]:
    "An exception occurred during the request to DHCP. Restart the DHCP Client service and try again.",
  [Win32ErrorCode.RPC_S_SERVER_UNAVAILABLE]:
    "The DHCP Client service is not running. Start it (net start dhcp) and try again.",
  [Win32ErrorCode.ERROR_ACCESS_DENIED]: `Access is denied. ${ELEVATE}`,
  [Win32ErrorCode.ERROR_ELEVATION_REQUIRED]: `The operation needs elevation. ${ELEVATE}`,
};

/**
 * The words for a Win32 code: leasectl's where the system's mislead, otherwise
 * the system's own text (FormatMessageW) on one line, otherwise its name.
 */
export function describeWin32Code(code: number, systemMessage?: string): string {
  const text = DHCP_WORDING[code] ?? systemMessage?.replace(/\s+/g, " ").trim();
  if (!text) return `Windows gave no text for ${win32ErrorName(code)} (${code}).`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
