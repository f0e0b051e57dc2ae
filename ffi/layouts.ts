/**
 * Byte layouts of the Win32 structs leasectl reads and writes, for x64
 * (arm64 Windows shares them). Each offset sits beside the C field it names.
 *
 * These numbers are checked on every test run against the Windows SDK headers
 * that mingw-w64 ships, by compiling and running tests/layout/probe.c: the keys
 * here are the struct and field names the probe prints.
 *
 * @module
 */

/** `IP_ADAPTER_INDEX_MAP` (ipexport.h): what IpReleaseAddress / IpRenewAddress take. */
export const IP_ADAPTER_INDEX_MAP = {
  size: 260,
  Index: 0x00, // ULONG Index
  Name: 0x04, // WCHAR Name[MAX_ADAPTER_NAME]
} as const;

/** `IP_INTERFACE_INFO` (ipexport.h): what GetInterfaceInfo fills. */
export const IP_INTERFACE_INFO = {
  size: 264, // with its one declared Adapter entry
  NumAdapters: 0x00, // LONG NumAdapters
  Adapter: 0x04, // IP_ADAPTER_INDEX_MAP Adapter[1]
} as const;

/** `IP_ADAPTER_ADDRESSES_LH` (iptypes.h): one record of GetAdaptersAddresses. */
export const IP_ADAPTER_ADDRESSES_LH = {
  size: 448,
  Length: 0x00, // ULONG Length
  IfIndex: 0x04, // IF_INDEX IfIndex
  Next: 0x08, // struct _IP_ADAPTER_ADDRESSES_LH *Next
  AdapterName: 0x10, // PCHAR AdapterName ("{GUID}")
  FirstUnicastAddress: 0x18, // PIP_ADAPTER_UNICAST_ADDRESS_LH
  FirstDnsServerAddress: 0x30, // PIP_ADAPTER_DNS_SERVER_ADDRESS_XP
  DnsSuffix: 0x38, // PWCHAR DnsSuffix
  Description: 0x40, // PWCHAR Description
  FriendlyName: 0x48, // PWCHAR FriendlyName
  PhysicalAddress: 0x50, // BYTE PhysicalAddress[MAX_ADAPTER_ADDRESS_LENGTH]
  PhysicalAddressLength: 0x58, // ULONG PhysicalAddressLength
  Flags: 0x5c, // ULONG Flags (IP_ADAPTER_*: DHCP, IPv4 and IPv6 enabled, NetBIOS, M and O)
  IfType: 0x64, // IFTYPE IfType
  OperStatus: 0x68, // IF_OPER_STATUS OperStatus
  FirstGatewayAddress: 0xd0, // PIP_ADAPTER_GATEWAY_ADDRESS_LH
  Luid: 0xe0, // NET_LUID Luid
  Dhcpv4Server: 0xe8, // SOCKET_ADDRESS Dhcpv4Server
  Dhcpv6Server: 0x118, // SOCKET_ADDRESS Dhcpv6Server
  Dhcpv6ClientDuid: 0x128, // BYTE Dhcpv6ClientDuid[MAX_DHCPV6_DUID_LENGTH]
  Dhcpv6ClientDuidLength: 0x1ac, // ULONG Dhcpv6ClientDuidLength
  Dhcpv6Iaid: 0x1b0, // ULONG Dhcpv6Iaid
  FirstDnsSuffix: 0x1b8, // PIP_ADAPTER_DNS_SUFFIX FirstDnsSuffix
} as const;

/** `IP_ADAPTER_UNICAST_ADDRESS_LH` (iptypes.h). */
export const IP_ADAPTER_UNICAST_ADDRESS_LH = {
  size: 64,
  Length: 0x00, // ULONG Length
  Next: 0x08, // struct _IP_ADAPTER_UNICAST_ADDRESS_LH *Next
  Address: 0x10, // SOCKET_ADDRESS Address
  PrefixOrigin: 0x20, // IP_PREFIX_ORIGIN PrefixOrigin
  SuffixOrigin: 0x24, // IP_SUFFIX_ORIGIN SuffixOrigin
  DadState: 0x28, // IP_DAD_STATE DadState
  ValidLifetime: 0x2c, // ULONG ValidLifetime, seconds (0xFFFFFFFF: infinite)
  PreferredLifetime: 0x30, // ULONG PreferredLifetime
  LeaseLifetime: 0x34, // ULONG LeaseLifetime
  OnLinkPrefixLength: 0x38, // UINT8 OnLinkPrefixLength
} as const;

/** `IP_ADAPTER_DNS_SUFFIX` (iptypes.h): one entry of an adapter's DNS suffix search list. */
export const IP_ADAPTER_DNS_SUFFIX = {
  size: 520,
  Next: 0x00, // struct _IP_ADAPTER_DNS_SUFFIX *Next
  String: 0x08, // WCHAR String[MAX_DNS_SUFFIX_STRING_LENGTH]
} as const;

/** `IP_ADAPTER_GATEWAY_ADDRESS_LH` (iptypes.h). */
export const IP_ADAPTER_GATEWAY_ADDRESS_LH = {
  size: 32,
  Next: 0x08, // struct _IP_ADAPTER_GATEWAY_ADDRESS_LH *Next
  Address: 0x10, // SOCKET_ADDRESS Address
} as const;

/** `IP_ADAPTER_DNS_SERVER_ADDRESS_XP` (iptypes.h). */
export const IP_ADAPTER_DNS_SERVER_ADDRESS_XP = {
  size: 32,
  Next: 0x08, // struct _IP_ADAPTER_DNS_SERVER_ADDRESS_XP *Next
  Address: 0x10, // SOCKET_ADDRESS Address
} as const;

/** `SOCKET_ADDRESS` (ws2def.h). */
export const SOCKET_ADDRESS = {
  size: 16,
  lpSockaddr: 0x00, // LPSOCKADDR lpSockaddr
  iSockaddrLength: 0x08, // INT iSockaddrLength
} as const;

/** `SOCKADDR_IN` (ws2def.h). */
export const SOCKADDR_IN = {
  size: 16,
  sin_family: 0x00, // ADDRESS_FAMILY sin_family
  sin_addr: 0x04, // IN_ADDR sin_addr
} as const;

/** `SOCKADDR_IN6` (ws2ipdef.h). */
export const SOCKADDR_IN6 = {
  size: 28,
  sin6_family: 0x00, // ADDRESS_FAMILY sin6_family
  sin6_addr: 0x08, // IN6_ADDR sin6_addr
  sin6_scope_id: 0x18, // ULONG sin6_scope_id
} as const;

/** `IP_ADAPTER_INFO` (iptypes.h): one record of GetAdaptersInfo, read for the lease times. */
export const IP_ADAPTER_INFO = {
  size: 704,
  Next: 0x000, // struct _IP_ADAPTER_INFO *Next
  AdapterName: 0x00c, // char AdapterName[MAX_ADAPTER_NAME_LENGTH + 4]
  Index: 0x1a0, // DWORD Index
  DhcpEnabled: 0x1a8, // UINT DhcpEnabled
  DhcpServer: 0x218, // IP_ADDR_STRING DhcpServer
  LeaseObtained: 0x2b0, // time_t LeaseObtained (64-bit)
  LeaseExpires: 0x2b8, // time_t LeaseExpires (64-bit)
} as const;

/** `FIXED_INFO` (iptypes.h): what GetNetworkParams fills, the host section of `ipconfig /all`. */
export const FIXED_INFO = {
  size: 600,
  HostName: 0x000, // char HostName[MAX_HOSTNAME_LEN + 4]
  DomainName: 0x084, // char DomainName[MAX_DOMAIN_NAME_LEN + 4]
  CurrentDnsServer: 0x108, // PIP_ADDR_STRING CurrentDnsServer
  DnsServerList: 0x110, // IP_ADDR_STRING DnsServerList
  NodeType: 0x140, // UINT NodeType
  ScopeId: 0x144, // char ScopeId[MAX_SCOPE_ID_LEN + 4]
  EnableRouting: 0x248, // UINT EnableRouting
  EnableProxy: 0x24c, // UINT EnableProxy
  EnableDns: 0x250, // UINT EnableDns
} as const;

/** `IP_ADDR_STRING` (iptypes.h). */
export const IP_ADDR_STRING = {
  size: 48,
  Next: 0x00, // struct _IP_ADDR_STRING *Next
  IpAddress: 0x08, // IP_ADDRESS_STRING IpAddress (char String[16])
} as const;

/** The header constants leasectl relies on. */
export const constants = {
  MAX_ADAPTER_NAME: 128, // WCHARs in IP_ADAPTER_INDEX_MAP.Name, the NUL included
  MAX_ADAPTER_ADDRESS_LENGTH: 8,
  MAX_ADAPTER_NAME_LENGTH: 256, // chars in IP_ADAPTER_INFO.AdapterName, 4 more of room included
  MAX_HOSTNAME_LEN: 128,
  MAX_DOMAIN_NAME_LEN: 128,
  MAX_SCOPE_ID_LEN: 256,
  MAX_DHCPV6_DUID_LENGTH: 130,
  MAX_DNS_SUFFIX_STRING_LENGTH: 256,
  IP_ADAPTER_DHCP_ENABLED: 0x4,
  IP_ADAPTER_IPV6_OTHER_STATEFUL_CONFIG: 0x20,
  IP_ADAPTER_NETBIOS_OVER_TCPIP_ENABLED: 0x40,
  IP_ADAPTER_IPV4_ENABLED: 0x80,
  IP_ADAPTER_IPV6_ENABLED: 0x100,
  IP_ADAPTER_IPV6_MANAGE_ADDRESS_CONFIG: 0x200,
  IF_TYPE_ETHERNET_CSMACD: 6,
  IF_TYPE_PPP: 23,
  IF_TYPE_SOFTWARE_LOOPBACK: 24,
  IF_TYPE_IEEE80211: 71,
  IF_TYPE_TUNNEL: 131,
  AF_UNSPEC: 0,
  AF_INET: 2,
  AF_INET6: 23,
  GAA_FLAG_SKIP_ANYCAST: 0x2,
  GAA_FLAG_SKIP_MULTICAST: 0x4,
  GAA_FLAG_INCLUDE_GATEWAYS: 0x80,
  MibParameterNotification: 0, // MIB_NOTIFICATION_TYPE: a row's parameters changed
  MibAddInstance: 1, // a row appeared
  MibDeleteInstance: 2, // a row went away
  MibInitialNotification: 3, // right after registering, with no row
} as const;

/** `MIB_UNICASTIPADDRESS_ROW` (netioapi.h): the row an address change notification points to. */
export const MIB_UNICASTIPADDRESS_ROW = {
  size: 80,
  Address: 0x00, // SOCKADDR_INET Address (si_family first, then as SOCKADDR_IN / SOCKADDR_IN6)
  InterfaceLuid: 0x20, // NET_LUID InterfaceLuid
  InterfaceIndex: 0x28, // NET_IFINDEX InterfaceIndex
} as const;

/** `MIB_IPINTERFACE_ROW` (netioapi.h): the row an interface change notification points to. */
export const MIB_IPINTERFACE_ROW = {
  size: 168,
  Family: 0x00, // ADDRESS_FAMILY Family
  InterfaceLuid: 0x08, // NET_LUID InterfaceLuid
  InterfaceIndex: 0x10, // NET_IFINDEX InterfaceIndex
} as const;

/** `IP_ADDRESS_PREFIX` (netioapi.h): a route's destination, an address and its prefix length. */
export const IP_ADDRESS_PREFIX = {
  size: 32,
  Prefix: 0x00, // SOCKADDR_INET Prefix
  PrefixLength: 0x1c, // UINT8 PrefixLength (0 for a default route)
} as const;

/** `MIB_IPFORWARD_ROW2` (netioapi.h): the row a route change notification points to. */
export const MIB_IPFORWARD_ROW2 = {
  size: 104,
  InterfaceLuid: 0x00, // NET_LUID InterfaceLuid
  InterfaceIndex: 0x08, // NET_IFINDEX InterfaceIndex
  DestinationPrefix: 0x0c, // IP_ADDRESS_PREFIX DestinationPrefix
  NextHop: 0x2c, // SOCKADDR_INET NextHop (the gateway)
} as const;

/** `DHCPCAPI_PARAMS` (dhcpcsdk.h): one option asked of DhcpRequestParams, and where it put the answer. */
export const DHCPCAPI_PARAMS = {
  size: 32,
  Flags: 0x00, // ULONG Flags (0)
  OptionId: 0x04, // ULONG OptionId
  IsVendor: 0x08, // BOOL IsVendor
  Data: 0x10, // LPBYTE Data: into the caller's Buffer
  nBytesData: 0x18, // DWORD nBytesData: 0 where the client holds no such option
} as const;

/** `DHCPCAPI_PARAMS_ARRAY` (dhcpcsdk.h): passed to DhcpRequestParams by value. */
export const DHCPCAPI_PARAMS_ARRAY = {
  size: 16,
  nParams: 0x00, // ULONG nParams
  Params: 0x08, // LPDHCPCAPI_PARAMS Params
} as const;

/** `DHCPV6CAPI_PARAMS` (dhcpv6csdk.h): as DHCPCAPI_PARAMS, for Dhcpv6RequestParams. */
export const DHCPV6CAPI_PARAMS = {
  size: 32,
  Flags: 0x00, // ULONG Flags (0)
  OptionId: 0x04, // ULONG OptionId
  IsVendor: 0x08, // BOOL IsVendor
  Data: 0x10, // LPBYTE Data
  nBytesData: 0x18, // DWORD nBytesData
} as const;

/** `DHCPV6CAPI_PARAMS_ARRAY` (dhcpv6csdk.h): passed to Dhcpv6RequestParams by value. */
export const DHCPV6CAPI_PARAMS_ARRAY = {
  size: 16,
  nParams: 0x00, // ULONG nParams
  Params: 0x08, // LPDHCPV6CAPI_PARAMS Params
} as const;

/** The dhcpcsdk.h constants leasectl relies on. */
export const dhcpConstants = {
  DHCPCAPI_REQUEST_SYNCHRONOUS: 0x02, // wait for the answer, sending a DHCPINFORM if need be
} as const;
