/**
 * The host section of `ipconfig /all`, from GetNetworkParams.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";
import { decodeNetworkParams } from "../ffi/codecs/network_params.ts";
import { FIXED_INFO } from "../ffi/layouts.ts";
import { Win32ErrorCode } from "../ffi/win32_errors.ts";
import type { HostInfo, NodeType } from "./types.ts";
import { fill, win32Error } from "./win32_buffer.ts";

const NODE_TYPE: Record<number, NodeType> = { 1: "broadcast", 2: "peerPeer", 4: "mixed", 8: "hybrid" };

/** The host section of `ipconfig /all`, from GetNetworkParams. */
export function readHostInfo(backend: Backend): HostInfo {
  const filled = fill(
    backend,
    "GetNetworkParams",
    FIXED_INFO.size,
    (buffer, size) => backend.getNetworkParams(buffer, size),
  );
  if (!filled) throw win32Error(backend, "GetNetworkParams", Win32ErrorCode.ERROR_NO_DATA);
  const params = decodeNetworkParams(filled.bytes, filled.base);
  return {
    hostName: params.hostName,
    primaryDnsSuffix: params.domainName,
    nodeType: NODE_TYPE[params.nodeType] ?? "unknown",
    ipRoutingEnabled: params.routingEnabled,
    winsProxyEnabled: params.winsProxyEnabled,
  };
}
