/**
 * The WMI return value (`ReleaseDHCPLeaseAll` / `RenewDHCPLeaseAll`'s table)
 * that sums up an operation's outcomes.
 *
 * @module
 */

import { isAccessDenied, Win32ErrorCode } from "../ffi/win32_errors.ts";
import { isIpv6Operation } from "./targets.ts";
import { type Adapter, type AdapterOutcome, type Operation, ReturnValue } from "./types.ts";

/** The WMI return value of `operation` over the `selected` adapters, from their `outcomes`. */
export function returnValueOf(
  operation: Operation,
  selected: readonly Adapter[],
  outcomes: readonly AdapterOutcome[],
): ReturnValue {
  const ipv6 = isIpv6Operation(operation);
  const eligible = selected.filter((adapter) =>
    !adapter.loopback && (ipv6 ? adapter.ipv6Enabled : adapter.dhcpEnabled)
  );
  if (eligible.length === 0) return ipv6 ? ReturnValue.IpNotEnabled : ReturnValue.DhcpNotEnabled;
  const done = outcomes.filter((item) => item.status === "done");
  const failed = outcomes.filter((item) => item.status === "failed");
  if (failed.length === 0) {
    const acted = ipv6 || done.length > 0 || eligible.some((adapter) => adapter.ipv4Enabled);
    return acted ? ReturnValue.Success : ReturnValue.IpNotEnabled;
  }
  if (done.length > 0) return ReturnValue.NotAllLeases;
  if (failed.every((item) => isAccessDenied(item.code))) return ReturnValue.AccessDenied;
  if (failed.every((item) => item.code === Win32ErrorCode.ERROR_NOT_SUPPORTED)) {
    return ReturnValue.NotSupported;
  }
  return operation.startsWith("release") ? ReturnValue.UnableToRelease : ReturnValue.UnableToRenew;
}
