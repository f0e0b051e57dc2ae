/**
 * leasectl's error classes: one per kind of failure, so that callers (and the
 * CLI's exit codes) can tell them apart with `instanceof`.
 *
 * @module
 */

import { win32ErrorName } from "../ffi/win32_errors.ts";

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

  /** Describes `code` as returned by `api`, with the system's text for it. */
  constructor(api: string, code: number, systemMessage?: string, options?: ErrorOptions) {
    const name = win32ErrorName(code);
    super(`${api} failed with ${name} (${code})${systemMessage ? `: ${systemMessage}` : "."}`, options);
    this.code = code;
    this.codeName = name;
    this.api = api;
    this.systemMessage = systemMessage;
  }
}

/** leasectl was asked to act on an operating system other than Windows. */
export class UnsupportedPlatformError extends LeasectlError {
  /** Always "UnsupportedPlatformError", so that logs name the kind. */
  override name = "UnsupportedPlatformError";
  /** The operating system it ran on, such as `linux`. */
  readonly os: string;

  /** Says that `os` is not Windows. */
  constructor(os: string, options?: ErrorOptions) {
    super(
      `leasectl releases and renews DHCP leases through Windows' Iphlpapi.dll, and this is ${os}. ` +
        "Run it on Windows 10, 11 or Windows Server.",
      options,
    );
    this.os = os;
  }
}

/** The runtime did not grant the foreign-function access leasectl needs. */
export class FfiPermissionError extends LeasectlError {
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
    const cause = options?.cause instanceof Error ? ` (${options.cause.message})` : "";
    super(`Could not load ${library} from ${tried.join(", ")}${cause}.`, options);
    this.tried = tried;
  }
}

/** An adapter argument or an option that leasectl cannot act on as given. */
export class InvalidArgumentError extends LeasectlError {
  /** Always "InvalidArgumentError", so that logs name the kind. */
  override name = "InvalidArgumentError";
}

/** No adapter matches the adapter argument. */
export class AdapterNotFoundError extends LeasectlError {
  /** Always "AdapterNotFoundError", so that logs name the kind. */
  override name = "AdapterNotFoundError";
  /** The argument that matched nothing. */
  readonly argument: string;
  /** The friendly names of the adapters that do exist. */
  readonly available: readonly string[];

  /** Says that `argument` matched nothing, and lists what exists. */
  constructor(argument: string, available: readonly string[], options?: ErrorOptions) {
    super(
      `No adapter matches "${argument}". ` +
        (available.length
          ? `The adapters are: ${available.join(", ")}.`
          : "This machine reports no network adapters."),
      options,
    );
    this.argument = argument;
    this.available = available;
  }
}

/** A buffer returned by Windows does not hold what its layout says it should. */
export class DecodeError extends LeasectlError {
  /** Always "DecodeError", so that logs name the kind. */
  override name = "DecodeError";
}

/** A value does not fit the Win32 struct it must be written into. */
export class EncodeError extends LeasectlError {
  /** Always "EncodeError", so that logs name the kind. */
  override name = "EncodeError";
}
