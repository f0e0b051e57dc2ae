/*
 * Layout probe: prints, as JSON, the size and field offsets of every Win32
 * struct leasectl decodes or encodes, and the constants it relies on, as the
 * Windows SDK headers shipped with mingw-w64 define them. tests/layout_test.ts
 * compiles and runs it (under Wine) and compares the output with ffi/layouts.ts.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <netioapi.h>
#include <dhcpcsdk.h>
#include "../windows/double/dhcpv6csdk_fixed.h"
#include <stddef.h>
#include <stdio.h>

static int first;

static void begin(const char *name, size_t size) {
  printf("%s\n  \"%s\": { \"size\": %u", first ? "" : ",", name, (unsigned)size);
  first = 0;
}
static void field(const char *name, size_t offset) {
  printf(", \"%s\": %u", name, (unsigned)offset);
}
static void end(void) { printf(" }"); }
static void begin_constants(void) { printf(",\n  \"constants\": {"); first = 1; }
static void constant(const char *name, long value) {
  printf("%s \"%s\": %ld", first ? "" : ",", name, value);
  first = 0;
}

#define STRUCT(type) begin(#type, sizeof(type))
#define FIELD(type, member) field(#member, offsetof(type, member))
#define CONSTANT(name) constant(#name, (long)(name))

int main(void) {
  first = 1;
  printf("{");

  STRUCT(IP_ADAPTER_INDEX_MAP);
  FIELD(IP_ADAPTER_INDEX_MAP, Index);
  FIELD(IP_ADAPTER_INDEX_MAP, Name);
  end();

  STRUCT(IP_INTERFACE_INFO);
  FIELD(IP_INTERFACE_INFO, NumAdapters);
  FIELD(IP_INTERFACE_INFO, Adapter);
  end();

  STRUCT(IP_ADAPTER_ADDRESSES_LH);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Length);
  FIELD(IP_ADAPTER_ADDRESSES_LH, IfIndex);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Next);
  FIELD(IP_ADAPTER_ADDRESSES_LH, AdapterName);
  FIELD(IP_ADAPTER_ADDRESSES_LH, FirstUnicastAddress);
  FIELD(IP_ADAPTER_ADDRESSES_LH, FirstDnsServerAddress);
  FIELD(IP_ADAPTER_ADDRESSES_LH, DnsSuffix);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Description);
  FIELD(IP_ADAPTER_ADDRESSES_LH, FriendlyName);
  FIELD(IP_ADAPTER_ADDRESSES_LH, PhysicalAddress);
  FIELD(IP_ADAPTER_ADDRESSES_LH, PhysicalAddressLength);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Flags);
  FIELD(IP_ADAPTER_ADDRESSES_LH, IfType);
  FIELD(IP_ADAPTER_ADDRESSES_LH, OperStatus);
  FIELD(IP_ADAPTER_ADDRESSES_LH, FirstGatewayAddress);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Luid);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Dhcpv4Server);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Dhcpv6Server);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Dhcpv6ClientDuid);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Dhcpv6ClientDuidLength);
  FIELD(IP_ADAPTER_ADDRESSES_LH, Dhcpv6Iaid);
  FIELD(IP_ADAPTER_ADDRESSES_LH, FirstDnsSuffix);
  end();

  STRUCT(IP_ADAPTER_UNICAST_ADDRESS_LH);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, Length);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, Next);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, Address);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, PrefixOrigin);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, SuffixOrigin);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, DadState);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, ValidLifetime);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, PreferredLifetime);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, LeaseLifetime);
  FIELD(IP_ADAPTER_UNICAST_ADDRESS_LH, OnLinkPrefixLength);
  end();

  STRUCT(IP_ADAPTER_DNS_SUFFIX);
  FIELD(IP_ADAPTER_DNS_SUFFIX, Next);
  FIELD(IP_ADAPTER_DNS_SUFFIX, String);
  end();

  STRUCT(IP_ADAPTER_GATEWAY_ADDRESS_LH);
  FIELD(IP_ADAPTER_GATEWAY_ADDRESS_LH, Next);
  FIELD(IP_ADAPTER_GATEWAY_ADDRESS_LH, Address);
  end();

  STRUCT(IP_ADAPTER_DNS_SERVER_ADDRESS_XP);
  FIELD(IP_ADAPTER_DNS_SERVER_ADDRESS_XP, Next);
  FIELD(IP_ADAPTER_DNS_SERVER_ADDRESS_XP, Address);
  end();

  STRUCT(SOCKET_ADDRESS);
  FIELD(SOCKET_ADDRESS, lpSockaddr);
  FIELD(SOCKET_ADDRESS, iSockaddrLength);
  end();

  STRUCT(SOCKADDR_IN);
  FIELD(SOCKADDR_IN, sin_family);
  FIELD(SOCKADDR_IN, sin_addr);
  end();

  STRUCT(SOCKADDR_IN6);
  FIELD(SOCKADDR_IN6, sin6_family);
  FIELD(SOCKADDR_IN6, sin6_addr);
  FIELD(SOCKADDR_IN6, sin6_scope_id);
  end();

  STRUCT(IP_ADAPTER_INFO);
  FIELD(IP_ADAPTER_INFO, Next);
  FIELD(IP_ADAPTER_INFO, AdapterName);
  FIELD(IP_ADAPTER_INFO, Index);
  FIELD(IP_ADAPTER_INFO, DhcpEnabled);
  FIELD(IP_ADAPTER_INFO, DhcpServer);
  FIELD(IP_ADAPTER_INFO, LeaseObtained);
  FIELD(IP_ADAPTER_INFO, LeaseExpires);
  end();

  STRUCT(FIXED_INFO);
  FIELD(FIXED_INFO, HostName);
  FIELD(FIXED_INFO, DomainName);
  FIELD(FIXED_INFO, CurrentDnsServer);
  FIELD(FIXED_INFO, DnsServerList);
  FIELD(FIXED_INFO, NodeType);
  FIELD(FIXED_INFO, ScopeId);
  FIELD(FIXED_INFO, EnableRouting);
  FIELD(FIXED_INFO, EnableProxy);
  FIELD(FIXED_INFO, EnableDns);
  end();

  STRUCT(IP_ADDR_STRING);
  FIELD(IP_ADDR_STRING, Next);
  FIELD(IP_ADDR_STRING, IpAddress);
  end();

  STRUCT(MIB_UNICASTIPADDRESS_ROW);
  FIELD(MIB_UNICASTIPADDRESS_ROW, Address);
  FIELD(MIB_UNICASTIPADDRESS_ROW, InterfaceLuid);
  FIELD(MIB_UNICASTIPADDRESS_ROW, InterfaceIndex);
  end();

  STRUCT(MIB_IPINTERFACE_ROW);
  FIELD(MIB_IPINTERFACE_ROW, Family);
  FIELD(MIB_IPINTERFACE_ROW, InterfaceLuid);
  FIELD(MIB_IPINTERFACE_ROW, InterfaceIndex);
  end();

  STRUCT(IP_ADDRESS_PREFIX);
  FIELD(IP_ADDRESS_PREFIX, Prefix);
  FIELD(IP_ADDRESS_PREFIX, PrefixLength);
  end();

  STRUCT(MIB_IPFORWARD_ROW2);
  FIELD(MIB_IPFORWARD_ROW2, InterfaceLuid);
  FIELD(MIB_IPFORWARD_ROW2, InterfaceIndex);
  FIELD(MIB_IPFORWARD_ROW2, DestinationPrefix);
  FIELD(MIB_IPFORWARD_ROW2, NextHop);
  end();

  STRUCT(DHCPCAPI_PARAMS);
  FIELD(DHCPCAPI_PARAMS, Flags);
  FIELD(DHCPCAPI_PARAMS, OptionId);
  FIELD(DHCPCAPI_PARAMS, IsVendor);
  FIELD(DHCPCAPI_PARAMS, Data);
  FIELD(DHCPCAPI_PARAMS, nBytesData);
  end();

  STRUCT(DHCPCAPI_PARAMS_ARRAY);
  FIELD(DHCPCAPI_PARAMS_ARRAY, nParams);
  FIELD(DHCPCAPI_PARAMS_ARRAY, Params);
  end();

  STRUCT(DHCPV6CAPI_PARAMS);
  FIELD(DHCPV6CAPI_PARAMS, Flags);
  FIELD(DHCPV6CAPI_PARAMS, OptionId);
  FIELD(DHCPV6CAPI_PARAMS, IsVendor);
  FIELD(DHCPV6CAPI_PARAMS, Data);
  FIELD(DHCPV6CAPI_PARAMS, nBytesData);
  end();

  STRUCT(DHCPV6CAPI_PARAMS_ARRAY);
  FIELD(DHCPV6CAPI_PARAMS_ARRAY, nParams);
  FIELD(DHCPV6CAPI_PARAMS_ARRAY, Params);
  end();

  printf(",\n  \"dhcpConstants\": {");
  first = 1;
  CONSTANT(DHCPCAPI_REQUEST_SYNCHRONOUS);
  end();

  begin_constants();
  CONSTANT(MAX_ADAPTER_NAME);
  CONSTANT(MAX_ADAPTER_ADDRESS_LENGTH);
  CONSTANT(MAX_ADAPTER_NAME_LENGTH);
  CONSTANT(MAX_HOSTNAME_LEN);
  CONSTANT(MAX_DOMAIN_NAME_LEN);
  CONSTANT(MAX_SCOPE_ID_LEN);
  CONSTANT(MAX_DHCPV6_DUID_LENGTH);
  CONSTANT(MAX_DNS_SUFFIX_STRING_LENGTH);
  CONSTANT(IP_ADAPTER_DHCP_ENABLED);
  CONSTANT(IP_ADAPTER_IPV6_OTHER_STATEFUL_CONFIG);
  CONSTANT(IP_ADAPTER_NETBIOS_OVER_TCPIP_ENABLED);
  CONSTANT(IP_ADAPTER_IPV4_ENABLED);
  CONSTANT(IP_ADAPTER_IPV6_ENABLED);
  CONSTANT(IP_ADAPTER_IPV6_MANAGE_ADDRESS_CONFIG);
  CONSTANT(IF_TYPE_ETHERNET_CSMACD);
  CONSTANT(IF_TYPE_PPP);
  CONSTANT(IF_TYPE_SOFTWARE_LOOPBACK);
  CONSTANT(IF_TYPE_IEEE80211);
  CONSTANT(IF_TYPE_TUNNEL);
  CONSTANT(AF_UNSPEC);
  CONSTANT(AF_INET);
  CONSTANT(AF_INET6);
  CONSTANT(GAA_FLAG_SKIP_ANYCAST);
  CONSTANT(GAA_FLAG_SKIP_MULTICAST);
  CONSTANT(GAA_FLAG_INCLUDE_GATEWAYS);
  CONSTANT(MibParameterNotification);
  CONSTANT(MibAddInstance);
  CONSTANT(MibDeleteInstance);
  CONSTANT(MibInitialNotification);
  end();

  printf("\n}\n");
  return 0;
}
