/* The adapter table a call sees before the state file: the scenarios of LEASECTL_DOUBLE_SCENARIO
   (the standard adapters generated from harness/adapters.json, and the others) laid out as adapter_t. */
#include <stdio.h>
#include <stdlib.h>
#include "iphlpapi_double.h"

/* The "standard" adapters, from harness/adapters.json (the unit tests' fake is built from it too). */
#include "standard_adapters.h"

/* shared-index: right after "Ethernet", with the same IfIndex. */
static const adapter_t shared_index_adapter = {
  .index = 11, .guid = "{1EA5EC71-0000-4000-8000-0000000000E3}", .friendly_name = L"Ethernet 3",
  .description = L"Contoso USB Ethernet", .mac = {0x00, 0x15, 0x5D, 0xAA, 0xBB, 0x0E}, .mac_length = 6,
  .dhcp = TRUE, .oper_status = IfOperStatusUp, .if_type = IF_TYPE_ETHERNET_CSMACD, .ipv4_bound = TRUE,
  .unicast = {DHCP4("192.0.2.99")}, .gateways = {"192.0.2.1"}, .dhcp_server = "192.0.2.1",
  .lease_obtained = 1795334400 /* 2026-11-22T08:00:00Z */, .lease_expires = 1795420800 /* 2026-11-23 */};

#define UNICODE_ADAPTER(n, name, desc, type)                                                           \
  {.index = n, .friendly_name = name, .description = desc, .mac = {0x02, 0, 0, 0, 0, 0x##n},          \
   .mac_length = 6, .dhcp = TRUE, .oper_status = IfOperStatusUp, .if_type = type, .ipv4_bound = TRUE, \
   .unicast = {DHCP4("192.0.2.1" #n), DHCP6("2001:db8:" #n "::" #n)}, .gateways = {"192.0.2.1"},     \
   .dhcp_server = "192.0.2.1", .dhcpv6_server = "2001:db8:" #n "::1", .duid = DUID(0x##n),           \
   .duid_length = 14, .iaid = 0x06000000 + n, .lease_obtained = LEASE_OBTAINED,                      \
   .lease_expires = LEASE_EXPIRES}

static const adapter_t unicode_adapters[] = {
  UNICODE_ADAPTER(21, L"Ethernet \u00dcn\u00efc\u00f8d\u00e9 \U0001F680", L"Contoso \u00c9thernet",
                  IF_TYPE_ETHERNET_CSMACD),
  UNICODE_ADAPTER(22, L"R\u00c9SEAU SANS FIL", L"Contoso Wi-Fi", IF_TYPE_IEEE80211),
  UNICODE_ADAPTER(23, L"Lab*Net", L"Contoso Lab Adapter", IF_TYPE_ETHERNET_CSMACD),
  UNICODE_ADAPTER(24, L"LabXNet", L"Contoso Lab Adapter #2", IF_TYPE_ETHERNET_CSMACD),
};

static const adapter_t ipv6_adapters[] = {
  {.index = 31, .friendly_name = L"Ethernet", .description = L"Intel(R) Ethernet Connection I219-V",
   .mac = {0x00, 0x15, 0x5D, 0xAA, 0xCC, 0x01}, .mac_length = 6, .dhcp = TRUE, .oper_status = IfOperStatusUp,
   .if_type = IF_TYPE_ETHERNET_CSMACD, .ipv4_bound = TRUE,
   .extra_flags = IP_ADAPTER_IPV6_OTHER_STATEFUL_CONFIG | IP_ADAPTER_IPV6_MANAGE_ADDRESS_CONFIG,
   .unicast = {LINK_LOCAL("fe80::215:5dff:feaa:cc01"), DHCP6("2001:db8:31::23"), DHCP4("192.0.2.31")},
   .gateways = {"192.0.2.1", "fe80::1"}, .dns = {"192.0.2.53", "2001:db8:31::53"}, .dhcp_server = "192.0.2.1",
   .dhcpv6_server = "2001:db8:31::1",
   .duid = {0x00, 0x01, 0x00, 0x01, 0x2A, 0xBC, 0xDE, 0xF0, 0x00, 0x15, 0x5D, 0xAA, 0xCC, 0x01},
   .duid_length = 14, .iaid = 100668765, .dns_suffix = L"corp.example",
   .suffixes = {L"corp.example", L"example.net"}, .lease_obtained = LEASE_OBTAINED,
   .lease_expires = LEASE_EXPIRES},
  {.index = 32, .friendly_name = L"Wi-Fi", .description = L"Intel(R) Wi-Fi 6 AX201 160MHz",
   .mac = {0x00, 0x15, 0x5D, 0xAA, 0xCC, 0x02}, .mac_length = 6, .dhcp = TRUE, .oper_status = IfOperStatusUp,
   .if_type = IF_TYPE_IEEE80211, .ipv4_bound = TRUE,
   .unicast = {{"2001:db8:32::215:5dff:feaa:cc02", 64, IpPrefixOriginRouterAdvertisement,
                IpSuffixOriginLinkLayerAddress, IpDadStatePreferred, 2592000, 604800, 2592000},
               {"2001:db8:32::9c1e:4a7b:1d2f:3e5a", 64, IpPrefixOriginRouterAdvertisement, IpSuffixOriginRandom,
                IpDadStatePreferred, 604800, 86400, 604800},
               LINK_LOCAL("fe80::215:5dff:feaa:cc02"), DHCP4("192.0.2.32")},
   .gateways = {"192.0.2.1"}, .dhcp_server = "192.0.2.1", .lease_obtained = LEASE_OBTAINED,
   .lease_expires = LEASE_EXPIRES},
  {.index = 33, .friendly_name = L"Lab", .description = L"Contoso Lab Adapter",
   .mac = {0x00, 0x15, 0x5D, 0xAA, 0xCC, 0x03}, .mac_length = 6, .dhcp = FALSE, .oper_status = IfOperStatusUp,
   .if_type = IF_TYPE_ETHERNET_CSMACD, .ipv4_bound = TRUE,
   .unicast = {STATIC("2001:db8:33::1", 64, IpDadStateTentative), STATIC("2001:db8:33::2", 64, IpDadStateDuplicate),
               STATIC("203.0.113.33", 24, IpDadStatePreferred)},
   .gateways = {"203.0.113.1"}},
  {.index = 34, .friendly_name = L"APIPA", .description = L"Realtek USB GbE Family Controller",
   .mac = {0x00, 0x15, 0x5D, 0xAA, 0xCC, 0x04}, .mac_length = 6, .dhcp = TRUE, .oper_status = IfOperStatusUp,
   .if_type = IF_TYPE_ETHERNET_CSMACD, .ipv4_bound = TRUE,
   .unicast = {LINK_LOCAL("fe80::215:5dff:feaa:cc04"),
               {"169.254.10.20", 16, IpPrefixOriginWellKnown, IpSuffixOriginRandom, IpDadStatePreferred,
                INFINITE_LIFETIME, INFINITE_LIFETIME, INFINITE_LIFETIME}}},
  {.index = 35, .friendly_name = L"Dial-up", .description = L"WAN Miniport (PPPOE)", .mac_length = 0,
   .oper_status = IfOperStatusDown, .if_type = IF_TYPE_PPP, .ipv4_bound = TRUE},
  {.index = 36, .friendly_name = L"Cellular", .description = L"Mobile Broadband Device", .mac_length = 0,
   .oper_status = IfOperStatusDown, .if_type = IF_TYPE_WWANPP, .ipv4_bound = TRUE, .ipv6_enabled = TRUE},
  {.index = 37, .friendly_name = L"Teredo Tunneling Pseudo-Interface",
   .description = L"Microsoft Teredo Tunneling Adapter", .mac_length = 0, .oper_status = IfOperStatusDown,
   .if_type = IF_TYPE_TUNNEL, .ipv4_bound = FALSE, .ipv6_enabled = TRUE},
};

static wchar_t generated_names[MANY_ADAPTERS + 2 * GROW_STEP][32];
static char generated_ipv4[MANY_ADAPTERS + 2 * GROW_STEP][16];
static char generated_ipv6[MANY6_ADAPTERS][24];

static adapter_t make_adapter(int n, const wchar_t *prefix, ULONG first_index) {
  adapter_t a = standard_adapters[0];
  a.guid = NULL;
  swprintf(generated_names[n], 32, L"%ls %d", prefix, n + 1);
  snprintf(generated_ipv4[n], 16, "198.18.%d.%d", n / 200, n % 200 + 10);
  a.index = first_index + n;
  a.friendly_name = generated_names[n];
  a.mac[5] = (BYTE)n;
  a.mac[4] = (BYTE)(0x80 + n / 256);
  memset(a.unicast, 0, sizeof a.unicast);
  a.unicast[0] = (unicast_t)DHCP4(generated_ipv4[n]);
  return a;
}

void guid_of(const adapter_t *a, char *out, size_t size) {
  if (a->guid) snprintf(out, size, "%s", a->guid);
  else snprintf(out, size, "{1EA5EC71-0000-4000-8000-%012lX}", (unsigned long)a->index);
}

BOOL is_ipv6(const char *address) {
  return address && strchr(address, ':') != NULL;
}

BOOL is_ipv4(const char *address) {
  return address && address[0] != '#' && strchr(address, ':') == NULL;
}

/* The adapters this process sees now, before the state file: growing is the only change over time. */
int current_adapters(adapter_t *out, int growth) {
  int count = 0;
  if (scenario("none")) return 0;
  if (scenario("many")) {
    for (int n = 0; n < MANY_ADAPTERS; n++) out[count++] = make_adapter(n, L"Ethernet", 100);
  } else if (scenario("many6")) {
    for (int n = 0; n < MANY6_ADAPTERS; n++) {
      adapter_t a = make_adapter(n, L"Ethernet", 100);
      static const BYTE duid[] = DUID(0);
      snprintf(generated_ipv6[n], sizeof generated_ipv6[n], "2001:db8:ff::%d", n + 1);
      a.unicast[1] = (unicast_t)DHCP6(generated_ipv6[n]);
      a.dhcpv6_server = "2001:db8:ff::ffff";
      memcpy(a.duid, duid, sizeof duid);
      memcpy(a.duid + 8, a.mac, 6);
      a.duid_length = sizeof duid;
      a.iaid = 0x06000000 + a.index;
      out[count++] = a;
    }
  } else if (scenario("unicode")) {
    for (size_t n = 0; n < sizeof unicode_adapters / sizeof *unicode_adapters; n++)
      out[count++] = unicode_adapters[n];
  } else if (scenario("ipv6")) {
    for (size_t n = 0; n < sizeof ipv6_adapters / sizeof *ipv6_adapters; n++) out[count++] = ipv6_adapters[n];
    out[count++] = standard_adapters[sizeof standard_adapters / sizeof *standard_adapters - 1];
  } else {
    for (size_t n = 0; n < sizeof standard_adapters / sizeof *standard_adapters; n++)
      out[count++] = standard_adapters[n];
  }
  for (int n = 0; n < growth * GROW_STEP; n++)
    out[count++] = make_adapter(MANY_ADAPTERS + n, L"Hot-plug", 1000);

  for (int n = 0; n < count; n++) {
    adapter_t *a = &out[n];
    for (int k = 0; k < MAX_UNICAST && a->unicast[k].address; k++)
      if (is_ipv6(a->unicast[k].address)) a->ipv6_enabled = TRUE;
    if (!a->info_dhcp_server) a->info_dhcp_server = a->dhcp_server;
    if (a->index == 11 && scenario("hostile")) {
      a->friendly_name = L"Evil\x1b[2J\x1b]0;pwned\x07Net";
      a->description = L"Desc\r\n   DHCP Enabled. . . . . . . . . . . : No\x7f\x9b" L"31m";
    }
    if (scenario("odd-family")) {
      if (a->index == 11) {
        a->dns[2] = "#17";
        a->gateways[1] = "#99";
      }
      if (a->index == 15) a->dhcp_server = "#99";
    }
    if (scenario("stale-lease")) {
      if (a->index == 12) {
        a->info_dhcp_server = "192.0.2.1";
        a->lease_obtained = LEASE_OBTAINED;
        a->lease_expires = LEASE_EXPIRES;
      }
      if (a->index == 15) {
        a->dhcp_server = "255.255.255.255";
        a->info_dhcp_server = "0.0.0.0";
      }
      if (a->index == 11) a->dhcp_server = "0.0.0.0";
    }
    if (a->index == 15 && scenario("unlisted")) a->unlisted = TRUE;
  }
  if (scenario("shared-index")) {
    for (int n = 0; n < count; n++) {
      if (out[n].index != 11 || wcscmp(out[n].friendly_name, L"Ethernet") != 0) continue;
      memmove(&out[n + 2], &out[n + 1], (count - n - 1) * sizeof *out);
      out[n + 1] = shared_index_adapter;
      out[n + 1].info_dhcp_server = out[n + 1].dhcp_server;
      count++;
      break;
    }
  }
  return count;
}

adapter_t *new_adapters(void) {
  return malloc(MAX_ADAPTERS * sizeof(adapter_t));
}
