/**
 * IpReleaseAddress and IpRenewAddress for one adapter, named by the device
 * name of its own GUID (GetInterfaceInfo), under the operation's deadline.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { encodeIndexMap, type IndexMapEntry } from "../ffi/codecs/interface_info.ts";
import { describeWin32Code, Win32ErrorCode } from "../ffi/win32_errors.ts";
import { readIndexMaps } from "./adapters.ts";
import { beforeDeadline, type CallResult, TIMED_OUT } from "./deadline.ts";
import { DecodeError, EncodeError, Win32Error } from "./errors.ts";
import type { InFlightCalls } from "./in_flight.ts";
import { PAST } from "./outcome.ts";
import type { Adapter } from "./types.ts";

/** The IPv4 device names by GUID, or why they could not be read: every adapter to act on then fails with it. */
export type IndexMaps = Map<string, IndexMapEntry> | { code: number; reason: string };

/** Reads the device names; a Win32 failure or a bad buffer is kept as the reason, not thrown. */
export function indexMapsOrFailure(backend: Backend): IndexMaps {
  try {
    return readIndexMaps(backend);
  } catch (error) {
    if (error instanceof Win32Error) return { code: error.code, reason: error.message };
    if (error instanceof DecodeError) {
      return { code: Win32ErrorCode.ERROR_INVALID_DATA, reason: error.message };
    }
    throw error;
  }
}

/** What an IPv4 call needs besides the adapter. */
export interface IphlpapiCall {
  backend: Backend;
  operation: "release" | "renew";
  /** The device names, read once before the first call. */
  indexMaps: () => IndexMaps;
  deadline: number;
  inFlight: InFlightCalls;
}

/**
 * The index map that names `adapter` to Iphlpapi for certain, or why there is none:
 * what a dry run checks too, so that it reports the failures the real run would hit.
 */
export function indexMapOf(
  call: Pick<IphlpapiCall, "operation" | "indexMaps">,
  adapter: Adapter,
): Uint8Array | { code: number; reason: string } {
  const indexMaps = call.indexMaps();
  if (!(indexMaps instanceof Map)) return indexMaps;
  const entry = indexMaps.get(adapter.guid);
  if (!entry) {
    return {
      code: Win32ErrorCode.ERROR_NOT_FOUND,
      reason:
        "Windows lists no IPv4 device name for this adapter (GetInterfaceInfo), so it cannot be named to " +
        `Iphlpapi for certain; its lease was not ${PAST[call.operation]}.`,
    };
  }
  try {
    return encodeIndexMap(entry);
  } catch (error) {
    if (error instanceof EncodeError) {
      return { code: Win32ErrorCode.ERROR_INVALID_PARAMETER, reason: error.message };
    }
    throw error;
  }
}

/** Releases or renews `adapter` through Iphlpapi: what became of the call. */
export async function callIphlpapi(call: IphlpapiCall, adapter: Adapter): Promise<CallResult> {
  const { backend, operation, deadline, inFlight } = call;
  const indexMap = indexMapOf(call, adapter);
  if (!(indexMap instanceof Uint8Array)) return { kind: "failed", ...indexMap };
  // A call given up on earlier, on this adapter, finishes first: a late release would undo this renew.
  if (!await inFlight.settledBy(adapter.guid, deadline)) {
    return {
      kind: "failed",
      code: Win32ErrorCode.ERROR_TIMEOUT,
      reason:
        `Its earlier call was still running at the deadline, so its lease was not ${PAST[operation]}: ` +
        "acting now could be undone when that call ends.",
    };
  }
  if (Date.now() >= deadline) return { kind: "timedOut", started: false };
  const running = operation === "release"
    ? backend.ipReleaseAddress(indexMap)
    : backend.ipRenewAddress(indexMap);
  try {
    const code = await beforeDeadline(running, deadline);
    if (code !== TIMED_OUT) return { kind: "returned", code, returnedAt: Date.now() };
    backend.abandon(running);
    inFlight.add(adapter.guid, running);
    return { kind: "timedOut", started: true };
  } catch (error) {
    if (!(error instanceof Win32Error)) throw error;
    // The thread running the call could not be waited for: what the call did is unknown.
    const text = describeWin32Code(error.code, backend.formatMessage(error.code));
    return {
      kind: "failed",
      code: error.code,
      reason: `Windows could not tell how the ${operation} ended (${error.api}): ${text}`,
    };
  }
}
