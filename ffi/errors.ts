/**
 * The errors that the native layer throws, and the base class of every error
 * leasectl throws. They live on the lowest floor that throws them, so that
 * ffi/ imports nothing from above it; lib/errors.ts adds the library's own.
 *
 * @module
 */

import { describeWin32Code, win32ErrorName } from "./win32_errors.ts";

/** The base class of every error leasectl throws. */
export class LeasectlError extends Error {
  /** Always "LeasectlError", so that logs name the kind. */
  override name = "LeasectlError";
}

/** A Win32 call returned an error code. */
export class Win32Error extends LeasectlError {
  /** Always "Win32Error", so that logs name the kind. */
  override name = "Win32Error";
  /** The Win32 error code, such as 5. */
  readonly code: number;
  /** Its winerror.h name, such as `ERROR_ACCESS_DENIED`. */
  readonly codeName: string;
  /** The function that returned it, such as `GetAdaptersAddresses`. */
  readonly api: string;
  /** The system's own text for the code (FormatMessageW), when it has one. */
  readonly systemMessage: string | undefined;

  /**
   * Describes `code` as returned by `api`: in leasectl's words where the
   * system's text misleads, otherwise in the system's.
   */
  constructor(api: string, code: number, systemMessage?: string, options?: ErrorOptions) {
    const name = win32ErrorName(code);
    super(`${api} failed with ${name} (${code}): ${describeWin32Code(code, systemMessage)}`, options);
    this.code = code;
    this.codeName = name;
    this.api = api;
    this.systemMessage = systemMessage;
  }
}

/**
 * The Win32Error for `code` as `api` returned it: the one place where a code
 * becomes an error, as sqlite3's `unwrap`. `systemText` gives the system's text
 * for it (FormatMessageW); one that fails leaves the text out, since the code and
 * its name still say what happened.
 */
export function win32Error(
  api: string,
  code: number,
  systemText?: (code: number) => string | undefined,
): Win32Error {
  let text: string | undefined;
  try {
    text = systemText?.(code);
  } catch {
    text = undefined;
  }
  return new Win32Error(api, code, text);
}

/** Throws {@linkcode win32Error}'s error for `code`, unless it is 0 (ERROR_SUCCESS). */
export function unwrap(api: string, code: number, systemText?: (code: number) => string | undefined): void {
  if (code !== 0) throw win32Error(api, code, systemText);
}

/** leasectl was asked to act on an operating system, or a runtime, it cannot serve. */
export class UnsupportedPlatformError extends LeasectlError {
  /** Always "UnsupportedPlatformError", so that logs name the kind. */
  override name = "UnsupportedPlatformError";
  /** The operating system it ran on, such as `linux`. */
  readonly os: string;
  /** The runtime's processor architecture, such as `x64` or `ia32`. */
  readonly arch: string | undefined;

  /** Says that `os` is not Windows, or that `arch` is not a 64-bit one. */
  constructor(os: string, arch?: string, options?: ErrorOptions) {
    super(
      arch === undefined
        ? `leasectl releases and renews DHCP leases through Windows' Iphlpapi.dll, and this is ${os}. ` +
          "Run it on Windows 10, 11 or Windows Server."
        : `leasectl needs a 64-bit runtime (x64 or arm64), and this one is ${arch}. ` +
          "Install the 64-bit build of Deno or Node and run it again.",
      options,
    );
    this.os = os;
    this.arch = arch;
  }
}

/** The runtime did not grant a permission leasectl needs. */
export class PermissionError extends LeasectlError {
  /** Always "PermissionError", so that logs name the kind. */
  override name = "PermissionError";
}

/** The runtime did not grant the foreign-function access leasectl needs. */
export class FfiPermissionError extends PermissionError {
  /** Always "FfiPermissionError", so that logs name the kind. */
  override name = "FfiPermissionError";

  /** Says how to grant the permission: `howToGrant` is the runtime's own advice. */
  constructor(
    howToGrant =
      "Run it with --allow-ffi (for example: deno run --allow-ffi jsr:@leasectl/leasectl/cli renew).",
    options?: ErrorOptions,
  ) {
    super(`leasectl calls Iphlpapi.dll through FFI and was not given permission to. ${howToGrant}`, options);
  }
}

/** A DLL would not load, or lacks a function leasectl needs. */
export class LibraryLoadError extends LeasectlError {
  /** Always "LibraryLoadError", so that logs name the kind. */
  override name = "LibraryLoadError";
  /** The paths or names that were tried, in order. */
  readonly tried: readonly string[];

  /** Says which library failed to load and what was tried. */
  constructor(library: string, tried: readonly string[], options?: ErrorOptions) {
    const cause = options?.cause instanceof Error ? ` (${options.cause.message.replace(/\.$/, "")})` : "";
    super(`Could not load ${library} from ${tried.join(", ")}${cause}.`, options);
    this.tried = tried;
  }
}

/** A buffer returned by Windows does not hold what its layout says it should. */
export class DecodeError extends LeasectlError {
  /** Always "DecodeError", so that logs name the kind. */
  override name = "DecodeError";
  /** The Win32 function whose buffer was bad, where it is known. */
  readonly api: string | undefined;

  /** Says what was wrong with the buffer, and which call filled it. */
  constructor(detail: string, api?: string, options?: ErrorOptions) {
    super(api ? `${api} returned data that leasectl cannot read: ${detail}` : detail, options);
    this.api = api;
  }
}

/** A value does not fit the Win32 struct it must be written into. */
export class EncodeError extends LeasectlError {
  /** Always "EncodeError", so that logs name the kind. */
  override name = "EncodeError";
}
