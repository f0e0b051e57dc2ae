/**
 * The library's own errors: arguments it cannot act on. The errors the native
 * layer throws are in ffi/errors.ts, re-exported here so that callers find
 * every kind in one place, and tell them apart with `instanceof`.
 *
 * @module
 */

import { LeasectlError } from "../ffi/errors.ts";
import { shownInMessage } from "./escape.ts";

export {
  DecodeError,
  EncodeError,
  FfiPermissionError,
  LeasectlError,
  LibraryLoadError,
  PermissionError,
  UnsupportedPlatformError,
  Win32Error,
} from "../ffi/errors.ts";

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
      `No adapter matches "${shownInMessage(argument)}". ` +
        (available.length
          ? `The adapters are: ${available.map(shownInMessage).join(", ")}.`
          : "This machine reports no network adapters."),
      options,
    );
    this.argument = argument;
    this.available = available;
  }
}
