/**
 * The kinds of change notification, and the few fields each one's callback
 * copies from its row before it returns (winipcfg keeps the same per kind).
 *
 * @module
 */

import type { NotificationKind, RowNotification } from "./backend.ts";
import {
  constants,
  IP_ADDRESS_PREFIX,
  MIB_IPFORWARD_ROW2,
  MIB_IPINTERFACE_ROW,
  MIB_UNICASTIPADDRESS_ROW,
  SOCKADDR_IN,
  SOCKADDR_IN6,
} from "./layouts.ts";
import type { iphlpapi } from "./symbols.ts";

/** The fields of a row that {@linkcode decodeRow} reads, besides the kind and the notification type. */
type RowFields = Pick<RowNotification, "family" | "index" | "address" | "prefixLength">;

/** A SOCKADDR_INET's family (si_family, where sin_family and sin6_family both are) and its address's bytes. */
function inetAddress(view: DataView, bytes: Uint8Array, at: number) {
  const family = view.getUint16(at, true);
  const address = family === constants.AF_INET
    ? bytes.slice(at + SOCKADDR_IN.sin_addr, at + SOCKADDR_IN.sin_addr + 4)
    : family === constants.AF_INET6
    ? bytes.slice(at + SOCKADDR_IN6.sin6_addr, at + SOCKADDR_IN6.sin6_addr + 16)
    : null;
  return { family, address };
}

/** Reads a MIB_UNICASTIPADDRESS_ROW's family, interface and address. */
function addressRow(view: DataView, bytes: Uint8Array): RowFields {
  const { family, address } = inetAddress(view, bytes, MIB_UNICASTIPADDRESS_ROW.Address);
  return { family, index: view.getUint32(MIB_UNICASTIPADDRESS_ROW.InterfaceIndex, true), address };
}

/**
 * Reads a MIB_IPFORWARD_ROW2's destination family and prefix length, interface and
 * next hop: a default route (prefix length 0) is a default gateway.
 */
function routeRow(view: DataView, bytes: Uint8Array): RowFields {
  const destination = MIB_IPFORWARD_ROW2.DestinationPrefix;
  return {
    family: inetAddress(view, bytes, destination + IP_ADDRESS_PREFIX.Prefix).family,
    index: view.getUint32(MIB_IPFORWARD_ROW2.InterfaceIndex, true),
    address: inetAddress(view, bytes, MIB_IPFORWARD_ROW2.NextHop).address,
    prefixLength: view.getUint8(destination + IP_ADDRESS_PREFIX.PrefixLength),
  };
}

/** Reads a MIB_IPINTERFACE_ROW's family and interface. */
function interfaceRow(view: DataView): RowFields {
  return {
    family: view.getUint16(MIB_IPINTERFACE_ROW.Family, true),
    index: view.getUint32(MIB_IPINTERFACE_ROW.InterfaceIndex, true),
    address: null,
  };
}

/**
 * Each kind of change notification: the iphlpapi.dll function that registers
 * it (each takes `(AF_UNSPEC, callback, NULL, FALSE, &handle)` and is cancelled
 * by CancelMibChangeNotify2), how many bytes of its row the callback copies,
 * and how they are read. A new kind is its function in ffi/symbols.ts and one
 * entry here.
 */
export const notificationKinds = {
  address: {
    register: "NotifyUnicastIpAddressChange",
    rowBytes: MIB_UNICASTIPADDRESS_ROW.InterfaceIndex + 4,
    read: addressRow,
  },
  interface: {
    register: "NotifyIpInterfaceChange",
    rowBytes: MIB_IPINTERFACE_ROW.InterfaceIndex + 4,
    read: interfaceRow,
  },
  route: {
    register: "NotifyRouteChange2",
    rowBytes: MIB_IPFORWARD_ROW2.NextHop + SOCKADDR_IN6.size, // a SOCKADDR_INET is as long as its larger member
    read: routeRow,
  },
} as const satisfies Record<
  NotificationKind,
  {
    register: keyof typeof iphlpapi;
    rowBytes: number;
    read: (view: DataView, bytes: Uint8Array) => RowFields;
  }
>;

/** How many bytes of its row a callback copies: enough for the fields {@linkcode decodeRow} reads. */
export function rowBytes(kind: NotificationKind): number {
  return notificationKinds[kind].rowBytes;
}

/**
 * The fields leasectl needs from a notification's row, copied as `bytes`
 * (the first {@linkcode rowBytes} bytes of the row), or null where the row was
 * NULL (MibInitialNotification).
 */
export function decodeRow(kind: NotificationKind, type: number, bytes: Uint8Array | null): RowNotification {
  if (!bytes || bytes.length < rowBytes(kind)) return { kind, type, family: 0, index: 0, address: null };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { kind, type, ...notificationKinds[kind].read(view, bytes) };
}
