/**
 * The shapes leasectl's library returns, which are also the CLI's JSON.
 *
 * @module
 */

import type { Backend } from "../ffi/backend.ts";

/**
 * The return values of WMI's `ReleaseDHCPLeaseAll` / `RenewDHCPLeaseAll`, so
 * that scripts ported from VBScript or PowerShell keep their checks.
 */
export const ReturnValue = {
  Success: 0,
  NotSupported: 64,
  UnableToRenew: 82,
  UnableToRelease: 83,
  IpNotEnabled: 84,
  AccessDenied: 91,
  NotAllLeases: 98,
  DhcpNotEnabled: 100,
} as const;

/** One of the {@linkcode ReturnValue} codes. */
export type ReturnValue = typeof ReturnValue[keyof typeof ReturnValue];

/** An adapter's operational status (IF_OPER_STATUS), as `ipconfig` would name it. */
export type OperStatus =
  | "up"
  | "down"
  | "testing"
  | "unknown"
  | "dormant"
  | "notPresent"
  | "lowerLayerDown";

/** A network adapter as Windows reports it: one entry of `leasectl list --json`. */
export interface Adapter {
  /** The interface index (IfIndex). */
  index: number;
  /** The adapter's GUID, `{…}`. */
  guid: string;
  /** The name Windows shows, such as "Ethernet" or "Wi-Fi". */
  friendlyName: string;
  /** The driver's description, such as "Intel(R) Ethernet Connection I219-V". */
  description: string;
  /** The physical address, "00-15-5D-AA-BB-01", or null where it has none. */
  mac: string | null;
  /** Whether the adapter is up; one that is not cannot have its lease released or renewed. */
  operStatus: OperStatus;
  /** The IANA interface type (IfType): 6 Ethernet, 71 Wi-Fi, 24 loopback, 131 tunnel. */
  interfaceType: number;
  /** Whether DHCP is enabled (IP_ADAPTER_DHCP_ENABLED). */
  dhcpEnabled: boolean;
  /** Whether IPv4 is bound to it, which release and renew need (it is in GetInterfaceInfo's table). */
  ipv4Enabled: boolean;
  /** Whether it is a loopback adapter. */
  loopback: boolean;
  /** Its IPv4 addresses, "a.b.c.d". */
  ipv4: string[];
  /** Its IPv6 addresses; a scoped one ends in "%" and its zone. */
  ipv6: string[];
  /** Its default gateways. */
  gateways: string[];
  /** The DNS servers it uses. */
  dnsServers: string[];
  /** The DHCPv4 server that granted its lease, or null. */
  dhcpServer: string | null;
  /** When the lease was obtained (ISO 8601), or null where there is no lease. */
  leaseObtained: string | null;
  /** When the lease expires (ISO 8601), or null where there is no lease. */
  leaseExpires: string | null;
}

/** What an operation does to a lease. */
export type Operation = "release" | "renew";

/** How one adapter fared in an operation. */
export type AdapterStatus = "done" | "skipped" | "failed";

/** One adapter's outcome in a release or renew. */
export interface AdapterOutcome {
  /** The interface index. */
  index: number;
  /** The adapter's GUID, `{…}`. */
  guid: string;
  /** The name Windows shows for it. */
  friendlyName: string;
  /** Whether the lease was released or renewed, left alone, or the call failed. */
  status: AdapterStatus;
  /** The Win32 code the call returned: 0 when done or skipped, 1460 when it timed out. */
  code: number;
  /** Why it was skipped or failed, in words; null when done. */
  reason: string | null;
  /** Its IPv4 addresses before the operation. */
  ipv4Before: string[];
  /** Its IPv4 addresses read again after the operation; empty where they could not be read. */
  ipv4After: string[];
}

/** The result of a release or renew: `leasectl release --json` prints it. */
export interface OperationResult {
  /** Which operation this was. */
  operation: Operation;
  /** The WMI-style summary of every adapter's outcome. */
  returnValue: ReturnValue;
  /** Every adapter the operation considered, in the order Windows lists them. */
  adapters: AdapterOutcome[];
}

/** Options every library call takes. */
export interface CallOptions {
  /**
   * The native calls to use; by default the system's DLLs through FFI. Tests
   * pass a fake; most callers never set it.
   */
  backend?: Backend;
}

/** Options of {@linkcode release}. */
export interface ReleaseOptions extends CallOptions {
  /** Report what would be done, and call nothing that changes a lease. */
  dryRun?: boolean;
  /** Called with each adapter's outcome as soon as it is known. */
  onAdapter?: (outcome: AdapterOutcome) => void;
}

/** Options of {@linkcode renew}. */
export interface RenewOptions extends ReleaseOptions {
  /**
   * Seconds the whole renew may take. An adapter still renewing then is
   * reported as failed with code 1460 (ERROR_TIMEOUT), and its call is left to
   * finish in the background without holding the process open.
   */
  timeout?: number;
}
