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

/** Where an address, or its prefix or suffix, came from (IP_PREFIX_ORIGIN, IP_SUFFIX_ORIGIN), as Windows names it. */
export type AddressOrigin =
  | "other"
  | "manual"
  | "wellKnown"
  | "dhcp"
  | "routerAdvertisement"
  | "linkLayerAddress"
  | "random"
  | "unchanged";

/** Duplicate address detection's verdict on an address (IP_DAD_STATE). */
export type AddressState = "invalid" | "tentative" | "duplicate" | "deprecated" | "preferred";

/** One unicast address of an adapter, with what `ipconfig /all` shows of it. */
export interface AddressInfo {
  /** "a.b.c.d", or an IPv6 address; a scoped one ends in "%" and its zone. */
  address: string;
  /** 4 or 6. */
  family: 4 | 6;
  /** The on-link prefix length (24 for a /24); null where Windows gives none. */
  prefixLength: number | null;
  /** Where the prefix came from; null for a value Windows did not document. */
  prefixOrigin: AddressOrigin | null;
  /** Where the rest of the address came from: "random" for a temporary IPv6 address. */
  suffixOrigin: AddressOrigin | null;
  /** Its duplicate address detection state. */
  state: AddressState | null;
  /** Seconds the address stays valid; null for infinite. */
  validLifetime: number | null;
  /** Seconds it stays preferred; null for infinite. */
  preferredLifetime: number | null;
  /** Seconds its DHCP lease lasts; null for infinite. */
  leaseLifetime: number | null;
  /** True for an IPv4 address in 169.254.0.0/16: no DHCP server answered. */
  autoconfigured: boolean;
}

/** The adapter's DHCPv6 client identity, as `ipconfig /all` shows it. */
export interface Dhcpv6Info {
  /** The identity association ID (IAID). */
  iaid: number;
  /** The client DUID, "00-01-00-01-…". */
  duid: string;
  /** The DHCPv6 server, or null. */
  server: string | null;
}

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
  /** The IANA interface type (IfType): 6 Ethernet, 71 Wi-Fi, 23 PPP, 24 loopback, 131 tunnel, 243 mobile broadband. */
  interfaceType: number;
  /** Whether DHCP is enabled (IP_ADAPTER_DHCP_ENABLED). */
  dhcpEnabled: boolean;
  /** Whether IPv4 is enabled on it (IP_ADAPTER_IPV4_ENABLED), which release and renew need. */
  ipv4Enabled: boolean;
  /** Whether IPv6 is enabled on it (IP_ADAPTER_IPV6_ENABLED), which release6 and renew6 need. */
  ipv6Enabled: boolean;
  /** Whether NetBIOS over TCP/IP is enabled (IP_ADAPTER_NETBIOS_OVER_TCPIP_ENABLED). */
  netbiosOverTcpip: boolean;
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
  /** The connection-specific DNS suffix; "" where there is none. */
  dnsSuffix: string;
  /** The connection-specific DNS suffix search list. */
  dnsSuffixes: string[];
  /** The DHCPv4 server of its lease; null unless there is a real lease. */
  dhcpServer: string | null;
  /** When the lease was obtained (ISO 8601); null unless there is a real lease. */
  leaseObtained: string | null;
  /** When the lease expires (ISO 8601); null unless there is a real lease. */
  leaseExpires: string | null;
  /** Its DHCPv6 identity; null where it has no DHCPv6 client DUID. */
  dhcpv6: Dhcpv6Info | null;
  /** Every unicast address, IPv4 and IPv6, in the order Windows lists them. */
  addresses: AddressInfo[];
}

/** NetBIOS node type, as `ipconfig /all` names it. */
export type NodeType = "broadcast" | "peerPeer" | "mixed" | "hybrid" | "unknown";

/** The host section of `ipconfig /all`: what GetNetworkParams reports. */
export interface HostInfo {
  /** The computer's host name. */
  hostName: string;
  /** The primary DNS suffix; "" where there is none. */
  primaryDnsSuffix: string;
  /** How NetBIOS names are resolved. */
  nodeType: NodeType;
  /** Whether the host routes IP between its adapters. */
  ipRoutingEnabled: boolean;
  /** Whether it is a WINS proxy. */
  winsProxyEnabled: boolean;
  /** The DNS suffix search list, where Windows reports one (DnsQueryConfig); left out otherwise. */
  dnsSuffixSearchList?: string[];
}

/** What an operation does to a lease: IPv4 through Iphlpapi, IPv6 through ipconfig. */
export type Operation = "release" | "renew" | "release6" | "renew6";

/** How one adapter fared in an operation. */
export type AdapterStatus = "done" | "skipped" | "failed";

/** What every per-adapter result says first: which adapter, and how it fared. */
export interface AdapterResult {
  /** The interface index. */
  index: number;
  /** The adapter's GUID, `{…}`. */
  guid: string;
  /** The name Windows shows for it, such as "Ethernet". */
  friendlyName: string;
  /** Whether the work was done, the adapter left alone (with the reason), or the call failed. */
  status: AdapterStatus;
  /** The Win32 code of the call: 0 when done or skipped, 1460 when it timed out. */
  code: number;
  /** Why it was skipped or failed, in words; null when done. */
  reason: string | null;
}

/** One adapter's outcome in a release or renew. */
export interface AdapterOutcome extends AdapterResult {
  /** Its IPv4 addresses before the operation. */
  ipv4Before: string[];
  /** Its IPv4 addresses read again after the operation; null where they could not be read. */
  ipv4After: string[] | null;
  /** Its IPv6 addresses before the operation. */
  ipv6Before: string[];
  /** Its IPv6 addresses read again after the operation; null where they could not be read. */
  ipv6After: string[] | null;
  /**
   * On a dry run, true for an adapter the real run would act on; its status is
   * "skipped", its reason says what would be done. Absent otherwise.
   */
  planned?: boolean;
  /** With `wait`: whether the adapter was ready (a preferred IPv4 address, and its gateway) in time. */
  ready?: boolean;
  /** With `wait`: milliseconds from the renew's return until it was ready; null when it was not. */
  readyAfterMs?: number | null;
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

/** The flushdns step of a cycle. */
export interface FlushDnsOutcome {
  /** Whether the resolver cache was emptied. */
  status: "done" | "failed";
  /** 0, or the Win32 code of the failure. */
  code: number;
  /** Why it failed, in words; absent when it was done. */
  reason?: string;
}

/** The result of {@linkcode cycle}: `leasectl cycle --json` prints it. */
export interface CycleResult {
  /** Always "cycle". */
  operation: "cycle";
  /** 0 when the release and the renew succeeded; otherwise the first non-zero of theirs. */
  returnValue: ReturnValue;
  /** The release step. */
  release: OperationResult;
  /** The flushdns step. */
  flushdns: FlushDnsOutcome;
  /** The renew step: every adapter selected, whatever its release did. */
  renew: OperationResult;
}

/** Options every library call takes. */
export interface CallOptions {
  /**
   * The native calls to use; by default the system's DLLs through FFI. Tests
   * pass a fake (the `Backend` type is exported from `@leasectl/leasectl/testing`);
   * most callers never set it.
   */
  backend?: Backend;
}

/** Options every lease operation takes: {@linkcode release}, {@linkcode release6}, {@linkcode renew6}, and {@linkcode renew} with more. */
export interface LeaseOptions extends CallOptions {
  /** Report what would be done, and call nothing that changes a lease. */
  dryRun?: boolean;
  /** Called with each adapter's outcome as soon as it is known. */
  onAdapter?: (outcome: AdapterOutcome) => void;
  /**
   * Seconds the whole operation may take. An adapter whose call is still
   * running then is reported as failed with code 1460 (ERROR_TIMEOUT), and its
   * call is left to finish in the background without holding the process open.
   */
  timeout?: number;
}

/** Options of {@linkcode release} and {@linkcode release6}. */
export type ReleaseOptions = LeaseOptions;

/** Options of {@linkcode renew}. */
export interface RenewOptions extends LeaseOptions {
  /**
   * Seconds to wait, after a successful renew, until each renewed adapter is
   * ready: a preferred IPv4 address that is not autoconfigured, and a default
   * gateway where it had one before. One not ready in time is failed with 1460.
   */
  wait?: number;
}

/** A step of a cycle. */
export type CycleStep = "release" | "flushdns" | "renew";

/** Options of {@linkcode cycle}. */
export interface CycleOptions extends CallOptions {
  /** Report what would be done, and call nothing that changes a lease. */
  dryRun?: boolean;
  /** Seconds the release, and then the renew, may each take; see {@linkcode LeaseOptions.timeout}. */
  timeout?: number;
  /** Seconds to wait after the renew until each adapter is ready; see {@linkcode RenewOptions.wait}. */
  wait?: number;
  /** Called as each step begins. */
  onStep?: (step: CycleStep) => void;
  /** Called with each adapter's outcome, in the release and in the renew, as soon as it is known. */
  onAdapter?: (step: "release" | "renew", outcome: AdapterOutcome) => void;
  /** Called with the flushdns step's outcome. */
  onFlush?: (outcome: FlushDnsOutcome) => void;
}
