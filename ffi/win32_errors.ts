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
  ERROR_NOT_ENOUGH_MEMORY: 8,
  ERROR_INVALID_DATA: 13,
  ERROR_NOT_SUPPORTED: 50,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_BUFFER_OVERFLOW: 111,
  ERROR_SEM_TIMEOUT: 121,
  ERROR_INSUFFICIENT_BUFFER: 122,
  ERROR_NO_DATA: 232,
  ERROR_ELEVATION_REQUIRED: 740,
  ERROR_TIMEOUT: 1460,
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
