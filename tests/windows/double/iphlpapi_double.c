/*
 * A test double for Iphlpapi.dll, loaded by leasectl through LEASECTL_IPHLPAPI.
 *
 * It is compiled from the SDK headers, so a layout leasectl gets wrong shows up
 * as wrong data. Its answers are laid out inside the caller's buffer, linked
 * lists and strings included, as Windows does.
 *
 * LEASECTL_DOUBLE_SCENARIO, a comma-separated list (read on every call):
 *   standard  (default) the adapters of harness/adapters.json: Ethernet (DHCP, up), Wi-Fi (DHCP,
 *             disconnected), Static LAN, IPv6 Only, Ethernet 2 (DHCP, up), loopback
 *   unicode   non-ASCII friendly names (one with a surrogate pair) and a literal '*',
 *             each with a DHCPv6 address 2001:db8:<index>::<index>
 *   many      64 DHCP adapters, all up
 *   many6     16 DHCP adapters with DHCPv6 addresses 2001:db8:ff::<n>
 *   ipv6      an adapter set for DHCPv6 and `ipconfig /all` parity (see ipv6_adapters)
 *   none      no adapters: every call answers ERROR_NO_DATA
 *   zero      GetInterfaceInfo answers NO_ERROR with NumAdapters 0
 *   zero-length  GetAdaptersAddresses answers one all-zero record
 *   grow      40 more adapters appear on each of the first two GetAdaptersAddresses calls
 *   denied    IpReleaseAddress / IpRenewAddress answer ERROR_ACCESS_DENIED
 *   partial   renewing or releasing "Ethernet 2" fails with ERROR_SEM_TIMEOUT
 *   slow      every IpRenewAddress takes 500 ms
 *   hang      IpRenewAddress on interface 11 ("Ethernet") takes 60 s
 *   hang-release  IpReleaseAddress on interface 11 ("Ethernet") takes 60 s
 *   shared-index  "Ethernet 3" shares interface index 11 with "Ethernet"
 *   unlisted  "Ethernet 2" is missing from GetInterfaceInfo
 *   bare-guid GetInterfaceInfo names adapters "{GUID}", without "\DEVICE\TCPIP_"
 *   hostile   "Ethernet" has control characters in its name and description
 *   odd-family  sockaddrs of unknown families among the DNS servers, gateways, DHCP server
 *   broken-info GetAdaptersInfo's first record points outside the buffer
 *   stale-lease lease data on adapters that have no lease
 *   late-gateway  the gateway comes back 1000 ms after a renew
 *   apipa-then-lease  an autoconfiguration address for 1500 ms after a renew
 *   apipa     an autoconfiguration address after a renew, for good
 *   flush-fails  DnsFlushResolverCache answers FALSE
 * LEASECTL_DOUBLE_CODE   a decimal Win32 code that every IpReleaseAddress / IpRenewAddress returns
 * LEASECTL_DOUBLE_STATE  a text file shared between processes, one "<verb> <index> [<value>] [{GUID}]"
 *                        a line: released, released6, down, renewed <ms since 1970>. A {GUID}
 *                        limits a line to that adapter (written only where two adapters share an index).
 * LEASECTL_DOUBLE_ANSWERED  a file that gets "<function>\t<process id>" once per process, at its first
 *                        call: proof for a test that the double, not wine's own DLL, answered
 * LEASECTL_DOUBLE_LOG    a file that gets one line per release/renew/flush call:
 *                        "<function>\t<Index>\t<Name>\t<in flight>\t<ms since 1970>\n", the name in
 *                        UTF-8, and how many calls were running as it began, itself included
 *
 * The DLL has no DllMain, and leasectl_double_now_ms / leasectl_double_log are
 * left external, so that other source files can be linked into the same DLL.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "double.h"

#define MANY_ADAPTERS 64
#define MANY6_ADAPTERS 16
#define GROW_STEP 40
#define MAX_ADAPTERS (10 + MANY_ADAPTERS + 2 * GROW_STEP)
#define MAX_UNICAST 4
#define MAX_LIST 3
#define INFINITE_LIFETIME 0xFFFFFFFFUL
#ifndef IF_TYPE_WWANPP
#define IF_TYPE_WWANPP 243 /* ipifcons.h of newer SDKs */
#endif

typedef struct {
  const char *address; /* NULL ends the list */
  UINT8 prefix;
  NL_PREFIX_ORIGIN prefix_origin;
  NL_SUFFIX_ORIGIN suffix_origin;
  NL_DAD_STATE dad;
  ULONG valid, preferred, lease;
} unicast_t;

typedef struct {
  ULONG index;
  const char *guid; /* NULL: {1EA5EC71-0000-4000-8000-<index>}, as the standard adapters have it */
  const wchar_t *friendly_name;
  const wchar_t *description;
  BYTE mac[6];
  ULONG mac_length;
  BOOL dhcp;
  IF_OPER_STATUS oper_status;
  ULONG if_type;
  BOOL ipv4_bound;   /* present in GetInterfaceInfo / GetAdaptersInfo, flag 0x80 */
  BOOL ipv6_enabled; /* flag 0x100; also set for any adapter with an IPv6 address */
  BOOL unlisted;     /* left out of GetInterfaceInfo all the same */
  ULONG extra_flags;
  unicast_t unicast[MAX_UNICAST];
  /* Addresses as text; "#<family>" is a 16-byte sockaddr of that family and nothing else. */
  const char *gateways[MAX_LIST];
  const char *dns[MAX_LIST];
  const char *dhcp_server;      /* Dhcpv4Server in GetAdaptersAddresses */
  const char *info_dhcp_server; /* DhcpServer in GetAdaptersInfo; NULL: as dhcp_server */
  const char *dhcpv6_server;
  BYTE duid[MAX_DHCPV6_DUID_LENGTH];
  ULONG duid_length;
  ULONG iaid;
  const wchar_t *dns_suffix;
  const wchar_t *suffixes[MAX_LIST];
  __time64_t lease_obtained, lease_expires;
} adapter_t;

#define LEASE_OBTAINED 1795161600 /* 2026-11-20T08:00:00Z */
#define LEASE_EXPIRES 1795248000  /* 2026-11-21T08:00:00Z */

#define DHCP4(a) {a, 24, IpPrefixOriginDhcp, IpSuffixOriginDhcp, IpDadStatePreferred, 86400, 86400, 86400}
#define STATIC(a, p, dad)                                                                             \
  {a, p, IpPrefixOriginManual, IpSuffixOriginManual, dad, INFINITE_LIFETIME, INFINITE_LIFETIME, \
   INFINITE_LIFETIME}
#define LINK_LOCAL(a)                                                                                      \
  {a, 64, IpPrefixOriginWellKnown, IpSuffixOriginLinkLayerAddress, IpDadStatePreferred, INFINITE_LIFETIME, \
   INFINITE_LIFETIME, INFINITE_LIFETIME}
#define DHCP6(a) {a, 128, IpPrefixOriginDhcp, IpSuffixOriginDhcp, IpDadStatePreferred, 7200, 3600, 7200}
#define DUID(last) {0x00, 0x01, 0x00, 0x01, 0x2A, 0xBC, 0xDE, 0xF0, 0x02, 0x00, 0x00, 0x00, 0x00, last}

static const unicast_t apipa_address = {"169.254.23.45", 16, IpPrefixOriginWellKnown, IpSuffixOriginRandom,
                                        IpDadStatePreferred, INFINITE_LIFETIME, INFINITE_LIFETIME,
                                        INFINITE_LIFETIME};

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

static SRWLOCK lock = SRWLOCK_INIT;
static LONG gaa_calls;
static LONG in_flight;
static wchar_t generated_names[MANY_ADAPTERS + 2 * GROW_STEP][32];
static char generated_ipv4[MANY_ADAPTERS + 2 * GROW_STEP][16];
static char generated_ipv6[MANY6_ADAPTERS][24];

/* Milliseconds since 1970, for the other files of this DLL. */
unsigned long long leasectl_double_now_ms(void) { return now_ms(); }

/* One mutex, shared by every process that loads the double, guards the state file and the log. */
static HANDLE lock_files(void) {
  HANDLE mutex = CreateMutexW(NULL, FALSE, L"Local\\leasectl-double-files");
  if (mutex) WaitForSingleObject(mutex, 10000); /* an abandoned mutex is owned all the same */
  return mutex;
}

static void unlock_files(HANDLE mutex) {
  if (!mutex) return;
  ReleaseMutex(mutex);
  CloseHandle(mutex);
}

/* Appends "<function>\t<index>\t<name>\t<in flight>\t<ms>\n" to LEASECTL_DOUBLE_LOG. */
void leasectl_double_log(const char *function, unsigned long index, const char *name, long running) {
  char path[MAX_PATH];
  FILE *file;
  HANDLE mutex;
  if (!*env("LEASECTL_DOUBLE_LOG", path, sizeof path)) return;
  mutex = lock_files();
  if ((file = fopen(path, "ab")) != NULL) {
    fprintf(file, "%s\t%lu\t%s\t%ld\t%llu\n", function, index, name, running, leasectl_double_now_ms());
    fclose(file);
  }
  unlock_files(mutex);
}

/* Notes in LEASECTL_DOUBLE_ANSWERED, once per process, that this DLL answered a call (its name and
   the process id), so that a test meant for the double fails loudly when wine's own DLL answered. */
static void answered(const char *function) {
  static LONG noted;
  char path[MAX_PATH];
  FILE *file;
  HANDLE mutex;
  if (InterlockedExchange(&noted, 1)) return;
  if (!*env("LEASECTL_DOUBLE_ANSWERED", path, sizeof path)) return;
  mutex = lock_files();
  if ((file = fopen(path, "ab")) != NULL) {
    fprintf(file, "%s\t%lu\n", function, GetCurrentProcessId());
    fclose(file);
  }
  unlock_files(mutex);
}

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

static void guid_of(const adapter_t *a, char *out, size_t size) {
  if (a->guid) snprintf(out, size, "%s", a->guid);
  else snprintf(out, size, "{1EA5EC71-0000-4000-8000-%012lX}", (unsigned long)a->index);
}

static BOOL is_ipv6(const char *address) {
  return address && strchr(address, ':') != NULL;
}

static BOOL is_ipv4(const char *address) {
  return address && address[0] != '#' && strchr(address, ':') == NULL;
}

/* The adapters this process sees now, before the state file: growing is the only change over time. */
static int current_adapters(adapter_t *out, int growth) {
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

/* ---- the state file: "<verb> <index> [<value>] [{GUID}]" lines, shared between processes ---- */

#define MAX_STATE 256

typedef struct {
  char verb[12];
  ULONG index;
  unsigned long long value;
  char guid[40];
} state_line_t;

typedef struct {
  int count;
  state_line_t lines[MAX_STATE];
} state_t;

/* Parses one line; FALSE for a line that is not "<verb> <index> ...". */
static BOOL parse_line(const char *text, state_line_t *out) {
  char verb[16], rest[2][64];
  unsigned long index;
  int fields;
  memset(out, 0, sizeof *out);
  rest[0][0] = rest[1][0] = '\0';
  fields = sscanf(text, "%15s %lu %63s %63s", verb, &index, rest[0], rest[1]);
  if (fields < 2) return FALSE;
  snprintf(out->verb, sizeof out->verb, "%s", verb);
  out->index = index;
  for (int k = 0; k < fields - 2; k++) {
    if (rest[k][0] == '{') snprintf(out->guid, sizeof out->guid, "%s", rest[k]);
    else out->value = strtoull(rest[k], NULL, 10);
  }
  return TRUE;
}

static BOOL line_matches(const state_line_t *line, const char *verb, const adapter_t *a) {
  char guid[40];
  if (strcmp(line->verb, verb) != 0 || line->index != a->index) return FALSE;
  if (!line->guid[0]) return TRUE;
  guid_of(a, guid, sizeof guid);
  return _stricmp(line->guid, guid) == 0;
}

static char *read_whole(const char *path, size_t *length) {
  FILE *file = fopen(path, "rb");
  char *text = NULL;
  size_t size = 0, got;
  char chunk[4096];
  if (!file) return NULL;
  while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
    char *bigger = realloc(text, size + got + 1);
    if (!bigger) break;
    text = bigger;
    memcpy(text + size, chunk, got);
    size += got;
  }
  fclose(file);
  if (!text) text = calloc(1, 1);
  if (text) text[size] = '\0';
  *length = size;
  return text;
}

static void read_state(state_t *state) {
  char path[MAX_PATH], *text, *line, *next;
  size_t length;
  HANDLE mutex;
  state->count = 0;
  if (!*env("LEASECTL_DOUBLE_STATE", path, sizeof path)) return;
  mutex = lock_files();
  text = read_whole(path, &length);
  unlock_files(mutex);
  if (!text) return;
  for (line = text; line && *line && state->count < MAX_STATE; line = next) {
    next = strpbrk(line, "\r\n");
    if (next) *next++ = '\0';
    if (parse_line(line, &state->lines[state->count])) state->count++;
  }
  free(text);
}

static const state_line_t *state_find(const state_t *state, const char *verb, const adapter_t *a) {
  for (int n = state->count - 1; n >= 0; n--)
    if (line_matches(&state->lines[n], verb, a)) return &state->lines[n];
  return NULL;
}

/* Another adapter in the list has the same index: state lines about it carry its GUID. */
static BOOL index_shared(const adapter_t *a, const adapter_t *adapters, int count) {
  for (int n = 0; n < count; n++)
    if (&adapters[n] != a && adapters[n].index == a->index) return TRUE;
  return FALSE;
}

/* Drops the lines of the verbs in `drop` (space-separated) about this adapter, then appends `add`
   (a line without its newline, or NULL). Other lines, unknown ones included, stay as they are. */
static void rewrite_state(const adapter_t *a, const char *drop, const char *add) {
  char path[MAX_PATH], *text, *line, *next;
  size_t length;
  FILE *file;
  HANDLE mutex;
  if (!*env("LEASECTL_DOUBLE_STATE", path, sizeof path)) return;
  mutex = lock_files();
  text = read_whole(path, &length);
  if ((file = fopen(path, "wb")) != NULL) {
    for (line = text; line && *line; line = next) {
      state_line_t parsed;
      BOOL keep = TRUE;
      next = strpbrk(line, "\r\n");
      if (next) {
        *next++ = '\0';
        while (*next == '\r' || *next == '\n') next++;
      }
      if (!*line) continue;
      if (parse_line(line, &parsed)) {
        char verbs[64], *word, *context = NULL;
        snprintf(verbs, sizeof verbs, "%s", drop);
        for (word = strtok_s(verbs, " ", &context); word; word = strtok_s(NULL, " ", &context))
          if (line_matches(&parsed, word, a)) keep = FALSE;
      }
      if (keep) fprintf(file, "%s\n", line);
    }
    if (add) fprintf(file, "%s\n", add);
    fclose(file);
  }
  free(text);
  unlock_files(mutex);
}

static void state_line(char *out, size_t size, const char *verb, const adapter_t *a, const adapter_t *adapters,
                       int count, const char *value) {
  char guid[40];
  guid_of(a, guid, sizeof guid);
  snprintf(out, size, "%s %lu%s%s%s%s", verb, (unsigned long)a->index, value ? " " : "", value ? value : "",
           index_shared(a, adapters, count) ? " " : "", index_shared(a, adapters, count) ? guid : "");
}

static void drop_unicast(adapter_t *a, BOOL (*drop)(const unicast_t *)) {
  int kept = 0;
  for (int k = 0; k < MAX_UNICAST && a->unicast[k].address; k++)
    if (!drop(&a->unicast[k])) a->unicast[kept++] = a->unicast[k];
  for (int k = kept; k < MAX_UNICAST; k++) memset(&a->unicast[k], 0, sizeof a->unicast[k]);
}

static BOOL unicast_ipv4(const unicast_t *u) {
  return is_ipv4(u->address);
}

static BOOL unicast_dhcpv6(const unicast_t *u) {
  return is_ipv6(u->address) && u->prefix_origin == IpPrefixOriginDhcp;
}

static void drop_ipv4_gateways(adapter_t *a) {
  int kept = 0;
  for (int k = 0; k < MAX_LIST; k++)
    if (a->gateways[k] && !is_ipv4(a->gateways[k])) a->gateways[kept++] = a->gateways[k];
  for (int k = kept; k < MAX_LIST; k++) a->gateways[k] = NULL;
}

static void drop_ipv4_lease(adapter_t *a) {
  drop_ipv4_gateways(a);
  a->dhcp_server = a->info_dhcp_server = NULL;
  a->lease_obtained = a->lease_expires = 0;
}

/* The adapters as the state file and the clock make them now. */
static int view(adapter_t *out, int growth) {
  int count = current_adapters(out, growth);
  unsigned long long now = leasectl_double_now_ms();
  state_t *state = malloc(sizeof *state);
  if (!state) return count;
  read_state(state);
  for (int n = 0; n < count; n++) {
    adapter_t *a = &out[n];
    const state_line_t *renewed = state_find(state, "renewed", a);
    if (state_find(state, "released", a)) {
      drop_unicast(a, unicast_ipv4);
      drop_ipv4_lease(a);
    } else if (renewed && a->dhcp) {
      unsigned long long since = now >= renewed->value ? now - renewed->value : 0;
      if (scenario("apipa") || (scenario("apipa-then-lease") && since < 1500)) {
        int at = MAX_UNICAST - 1;
        for (int k = 0; k < MAX_UNICAST; k++)
          if (!a->unicast[k].address || is_ipv4(a->unicast[k].address)) {
            at = k;
            break;
          }
        a->unicast[at] = apipa_address; /* in place of the first IPv4 address */
        for (int k = at + 1; k < MAX_UNICAST && a->unicast[k].address; k++)
          if (is_ipv4(a->unicast[k].address)) {
            memmove(&a->unicast[k], &a->unicast[k + 1], (MAX_UNICAST - k - 1) * sizeof a->unicast[k]);
            memset(&a->unicast[MAX_UNICAST - 1], 0, sizeof a->unicast[0]);
            k--;
          }
        drop_ipv4_lease(a);
      } else if (scenario("late-gateway") && since < 1000) {
        drop_ipv4_gateways(a);
      }
    }
    if (state_find(state, "released6", a)) {
      drop_unicast(a, unicast_dhcpv6);
      a->dhcpv6_server = NULL;
    }
    if (state_find(state, "down", a)) a->oper_status = IfOperStatusDown;
  }
  free(state);
  return count;
}

static adapter_t *new_adapters(void) {
  return malloc(MAX_ADAPTERS * sizeof(adapter_t));
}

/* ---- GetInterfaceInfo ---- */

static BOOL in_interface_info(const adapter_t *a) {
  return a->ipv4_bound && !a->unlisted;
}

DWORD WINAPI GetInterfaceInfo(PIP_INTERFACE_INFO table, PULONG size) {
  answered("GetInterfaceInfo");
  adapter_t *adapters;
  int count, bound = 0;
  ULONG needed;
  DWORD result = NO_ERROR;
  if (!size) return ERROR_INVALID_PARAMETER;
  if (scenario("zero")) {
    if (!table || *size < sizeof(IP_INTERFACE_INFO)) {
      *size = sizeof(IP_INTERFACE_INFO);
      return ERROR_INSUFFICIENT_BUFFER;
    }
    memset(table, 0xCC, sizeof(IP_INTERFACE_INFO)); /* the unused entry is undefined */
    table->NumAdapters = 0;
    return NO_ERROR;
  }
  if ((adapters = new_adapters()) == NULL) return ERROR_NOT_ENOUGH_MEMORY;
  count = current_adapters(adapters, 0);
  for (int n = 0; n < count; n++) bound += in_interface_info(&adapters[n]);
  needed = offsetof(IP_INTERFACE_INFO, Adapter) + bound * sizeof(IP_ADAPTER_INDEX_MAP);
  if (bound == 0) {
    result = ERROR_NO_DATA;
  } else if (!table || *size < needed) {
    *size = needed;
    result = ERROR_INSUFFICIENT_BUFFER;
  } else {
    BOOL bare = scenario("bare-guid");
    table->NumAdapters = bound;
    for (int n = 0, at = 0; n < count; n++) {
      char guid[40];
      if (!in_interface_info(&adapters[n])) continue;
      guid_of(&adapters[n], guid, sizeof guid);
      table->Adapter[at].Index = adapters[n].index;
      swprintf(table->Adapter[at].Name, MAX_ADAPTER_NAME, bare ? L"%hs" : L"\\DEVICE\\TCPIP_%hs", guid);
      at++;
    }
  }
  free(adapters);
  return result;
}

/* ---- GetAdaptersAddresses: two passes over one layout, measuring then writing ---- */

typedef struct {
  BYTE *base; /* NULL while measuring */
  size_t used;
} arena_t;

static void *take(arena_t *arena, size_t size) {
  size_t at = (arena->used + 7) & ~(size_t)7;
  arena->used = at + size;
  if (!arena->base) return NULL;
  memset(arena->base + at, 0, size);
  return arena->base + at;
}

/* A link-local IPv6 address (fe80::/10) is scoped to the adapter's index. */
static void put_sockaddr(arena_t *arena, SOCKET_ADDRESS *out, const char *text, ULONG scope) {
  if (text[0] == '#') {
    SOCKADDR *sa = take(arena, 16);
    if (!sa) return;
    sa->sa_family = (ADDRESS_FAMILY)atoi(text + 1);
    out->lpSockaddr = sa;
    out->iSockaddrLength = 16;
  } else if (strchr(text, ':')) {
    SOCKADDR_IN6 *sa = take(arena, sizeof *sa);
    if (!sa) return;
    sa->sin6_family = AF_INET6;
    inet_pton(AF_INET6, text, &sa->sin6_addr);
    if (sa->sin6_addr.s6_addr[0] == 0xFE && (sa->sin6_addr.s6_addr[1] & 0xC0) == 0x80) sa->sin6_scope_id = scope;
    out->lpSockaddr = (LPSOCKADDR)sa;
    out->iSockaddrLength = sizeof *sa;
  } else {
    SOCKADDR_IN *sa = take(arena, sizeof *sa);
    if (!sa) return;
    sa->sin_family = AF_INET;
    inet_pton(AF_INET, text, &sa->sin_addr);
    out->lpSockaddr = (LPSOCKADDR)sa;
    out->iSockaddrLength = sizeof *sa;
  }
}

static wchar_t *put_wide(arena_t *arena, const wchar_t *text) {
  wchar_t *copy = take(arena, (wcslen(text) + 1) * sizeof(wchar_t));
  if (copy) wcscpy(copy, text);
  return copy;
}

static BOOL wanted(ULONG family, const char *address) {
  if (!address) return FALSE;
  if (family == AF_INET) return is_ipv4(address);
  if (family == AF_INET6) return is_ipv6(address);
  return TRUE;
}

static ULONG flags_of(const adapter_t *a) {
  BOOL loopback = a->if_type == IF_TYPE_SOFTWARE_LOOPBACK;
  return (a->dhcp ? IP_ADAPTER_DHCP_ENABLED : 0) | (a->ipv4_bound ? IP_ADAPTER_IPV4_ENABLED : 0) |
         (a->ipv6_enabled ? IP_ADAPTER_IPV6_ENABLED : 0) |
         (a->ipv4_bound && !loopback ? IP_ADAPTER_NETBIOS_OVER_TCPIP_ENABLED : 0) | a->extra_flags;
}

static void lay_out(arena_t *arena, const adapter_t *adapters, int count, ULONG family, ULONG flags) {
  IP_ADAPTER_ADDRESSES *previous = NULL;
  IP_ADAPTER_ADDRESSES *records = take(arena, count * sizeof(IP_ADAPTER_ADDRESSES));
  for (int n = 0; n < count; n++) {
    const adapter_t *a = &adapters[n];
    IP_ADAPTER_ADDRESSES *out = records ? &records[n] : NULL;
    IP_ADAPTER_UNICAST_ADDRESS *last_unicast = NULL;
    IP_ADAPTER_GATEWAY_ADDRESS *last_gateway = NULL;
    IP_ADAPTER_DNS_SERVER_ADDRESS *last_dns = NULL;
    IP_ADAPTER_DNS_SUFFIX *last_suffix = NULL;
    char guid[40], *guid_copy;
    guid_of(a, guid, sizeof guid);
    guid_copy = take(arena, strlen(guid) + 1);
    if (out) {
      out->Length = sizeof *out;
      out->IfIndex = a->index;
      out->Ipv6IfIndex = a->index;
      if (previous) previous->Next = out;
      previous = out;
      strcpy(guid_copy, guid);
      out->AdapterName = guid_copy;
      memcpy(out->PhysicalAddress, a->mac, 6);
      out->PhysicalAddressLength = a->mac_length;
      out->Flags = flags_of(a);
      out->Mtu = 1500;
      out->IfType = a->if_type;
      out->OperStatus = a->oper_status;
      out->Luid.Info.NetLuidIndex = a->index;
      out->Luid.Info.IfType = a->if_type;
      out->Dhcpv6Iaid = a->iaid;
      out->Dhcpv6ClientDuidLength = a->duid_length;
      memcpy(out->Dhcpv6ClientDuid, a->duid, a->duid_length);
    }
    {
      wchar_t *suffix = put_wide(arena, a->dns_suffix ? a->dns_suffix : L"");
      wchar_t *description = put_wide(arena, a->description);
      wchar_t *friendly = put_wide(arena, a->friendly_name);
      if (out) {
        out->DnsSuffix = suffix;
        out->Description = description;
        out->FriendlyName = friendly;
      }
    }
    for (int k = 0; k < MAX_UNICAST && a->unicast[k].address; k++) {
      const unicast_t *u = &a->unicast[k];
      IP_ADAPTER_UNICAST_ADDRESS *entry;
      if (!wanted(family, u->address)) continue;
      entry = take(arena, sizeof *entry);
      if (entry) {
        entry->Length = sizeof *entry;
        entry->OnLinkPrefixLength = u->prefix;
        entry->PrefixOrigin = u->prefix_origin;
        entry->SuffixOrigin = u->suffix_origin;
        entry->DadState = u->dad;
        entry->ValidLifetime = u->valid;
        entry->PreferredLifetime = u->preferred;
        entry->LeaseLifetime = u->lease;
        if (last_unicast) last_unicast->Next = entry;
        else out->FirstUnicastAddress = entry;
        last_unicast = entry;
      }
      put_sockaddr(arena, entry ? &entry->Address : NULL, u->address, a->index);
    }
    for (int k = 0; k < MAX_LIST && (flags & GAA_FLAG_INCLUDE_GATEWAYS); k++) {
      IP_ADAPTER_GATEWAY_ADDRESS *entry;
      if (!wanted(family, a->gateways[k])) continue;
      entry = take(arena, sizeof *entry);
      if (entry) {
        entry->Length = sizeof *entry;
        if (last_gateway) last_gateway->Next = entry;
        else out->FirstGatewayAddress = entry;
        last_gateway = entry;
      }
      put_sockaddr(arena, entry ? &entry->Address : NULL, a->gateways[k], a->index);
    }
    for (int k = 0; k < MAX_LIST && !(flags & GAA_FLAG_SKIP_DNS_SERVER); k++) {
      IP_ADAPTER_DNS_SERVER_ADDRESS *entry;
      if (!wanted(family, a->dns[k])) continue;
      entry = take(arena, sizeof *entry);
      if (entry) {
        entry->Length = sizeof *entry;
        if (last_dns) last_dns->Next = entry;
        else out->FirstDnsServerAddress = entry;
        last_dns = entry;
      }
      put_sockaddr(arena, entry ? &entry->Address : NULL, a->dns[k], a->index);
    }
    for (int k = 0; k < MAX_LIST && a->suffixes[k]; k++) {
      IP_ADAPTER_DNS_SUFFIX *entry = take(arena, sizeof *entry);
      if (!entry) continue;
      wcsncpy(entry->String, a->suffixes[k], MAX_DNS_SUFFIX_STRING_LENGTH - 1);
      if (last_suffix) last_suffix->Next = entry;
      else out->FirstDnsSuffix = entry;
      last_suffix = entry;
    }
    if (a->dhcp_server && a->dhcp) put_sockaddr(arena, out ? &out->Dhcpv4Server : NULL, a->dhcp_server, a->index);
    if (a->dhcpv6_server) put_sockaddr(arena, out ? &out->Dhcpv6Server : NULL, a->dhcpv6_server, a->index);
  }
}

ULONG WINAPI GetAdaptersAddresses(ULONG family, ULONG flags, PVOID reserved,
                                  PIP_ADAPTER_ADDRESSES buffer, PULONG size) {
  answered("GetAdaptersAddresses");
  adapter_t *adapters;
  arena_t arena = {NULL, 0};
  int growth = 0, count;
  ULONG result = NO_ERROR;
  (void)reserved;
  if (!size || (family != AF_UNSPEC && family != AF_INET && family != AF_INET6))
    return ERROR_INVALID_PARAMETER;
  if (scenario("zero-length")) {
    if (!buffer || *size < sizeof(IP_ADAPTER_ADDRESSES_LH)) {
      *size = sizeof(IP_ADAPTER_ADDRESSES_LH);
      return ERROR_BUFFER_OVERFLOW;
    }
    memset(buffer, 0, sizeof(IP_ADAPTER_ADDRESSES_LH));
    return NO_ERROR;
  }
  if (scenario("grow")) {
    LONG calls = InterlockedIncrement(&gaa_calls);
    growth = calls < 2 ? (int)calls : 2;
  }
  if ((adapters = new_adapters()) == NULL) return ERROR_NOT_ENOUGH_MEMORY;
  count = view(adapters, growth);
  if (count == 0) {
    result = ERROR_NO_DATA;
  } else {
    lay_out(&arena, adapters, count, family, flags);
    if (!buffer || *size < arena.used) {
      *size = (ULONG)arena.used;
      result = ERROR_BUFFER_OVERFLOW;
    } else {
      arena.base = (BYTE *)buffer;
      arena.used = 0;
      lay_out(&arena, adapters, count, family, flags);
    }
  }
  free(adapters);
  return result;
}

/* ---- GetAdaptersInfo: the IPv4 view, with the lease times ---- */

static void put_addr_string(IP_ADDR_STRING *out, const char *address, const char *mask) {
  snprintf(out->IpAddress.String, sizeof out->IpAddress.String, "%s", address ? address : "0.0.0.0");
  snprintf(out->IpMask.String, sizeof out->IpMask.String, "%s", mask);
}

static BOOL in_adapters_info(const adapter_t *a) {
  return a->ipv4_bound && a->if_type != IF_TYPE_SOFTWARE_LOOPBACK;
}

static void fill_info(IP_ADAPTER_INFO *out, const adapter_t *a) {
  const unicast_t *ipv4 = NULL;
  const char *gateway = NULL;
  char mask[16] = "0.0.0.0";
  for (int k = 0; k < MAX_UNICAST && a->unicast[k].address && !ipv4; k++)
    if (is_ipv4(a->unicast[k].address)) ipv4 = &a->unicast[k];
  for (int k = 0; k < MAX_LIST && !gateway; k++)
    if (is_ipv4(a->gateways[k])) gateway = a->gateways[k];
  if (ipv4) {
    ULONG bits = ipv4->prefix ? 0xFFFFFFFFUL << (32 - ipv4->prefix) : 0;
    snprintf(mask, sizeof mask, "%lu.%lu.%lu.%lu", bits >> 24 & 255, bits >> 16 & 255, bits >> 8 & 255, bits & 255);
  }
  out->ComboIndex = a->index;
  guid_of(a, out->AdapterName, sizeof out->AdapterName);
  WideCharToMultiByte(CP_ACP, 0, a->description, -1, out->Description, sizeof out->Description, NULL, NULL);
  out->AddressLength = a->mac_length;
  memcpy(out->Address, a->mac, 6);
  out->Index = a->index;
  out->Type = a->if_type;
  out->DhcpEnabled = a->dhcp;
  put_addr_string(&out->IpAddressList, ipv4 ? ipv4->address : NULL, mask);
  put_addr_string(&out->GatewayList, gateway, "0.0.0.0");
  put_addr_string(&out->DhcpServer, a->info_dhcp_server, "255.255.255.255");
  out->LeaseObtained = a->lease_obtained;
  out->LeaseExpires = a->lease_expires;
}

DWORD WINAPI GetAdaptersInfo(PIP_ADAPTER_INFO info, PULONG size) {
  answered("GetAdaptersInfo");
  adapter_t *adapters;
  int count, bound = 0;
  ULONG needed;
  DWORD result = NO_ERROR;
  if (!size) return ERROR_INVALID_PARAMETER;
  if ((adapters = new_adapters()) == NULL) return ERROR_NOT_ENOUGH_MEMORY;
  count = view(adapters, 0);
  for (int n = 0; n < count; n++) bound += in_adapters_info(&adapters[n]);
  needed = bound * sizeof(IP_ADAPTER_INFO);
  if (bound == 0) {
    result = ERROR_NO_DATA;
  } else if (!info || *size < needed) {
    *size = needed;
    result = ERROR_BUFFER_OVERFLOW;
  } else {
    memset(info, 0, needed);
    for (int n = 0, at = 0; n < count; n++) {
      if (!in_adapters_info(&adapters[n])) continue;
      fill_info(&info[at], &adapters[n]);
      if (at + 1 < bound) info[at].Next = &info[at + 1];
      at++;
    }
    if (scenario("broken-info")) info[0].Next = (IP_ADAPTER_INFO *)(ULONG_PTR)1;
  }
  free(adapters);
  return result;
}

/* ---- GetNetworkParams ---- */

DWORD WINAPI GetNetworkParams(PFIXED_INFO info, PULONG size) {
  answered("GetNetworkParams");
  if (!size) return ERROR_INVALID_PARAMETER;
  if (!info || *size < sizeof(FIXED_INFO)) {
    *size = sizeof(FIXED_INFO);
    return ERROR_BUFFER_OVERFLOW;
  }
  memset(info, 0, sizeof *info);
  strcpy(info->HostName, "LEASECTL-TEST");
  strcpy(info->DomainName, "corp.example");
  info->CurrentDnsServer = NULL;
  strcpy(info->DnsServerList.IpAddress.String, "192.0.2.53");
  info->NodeType = HYBRID_NODETYPE;
  info->ScopeId[0] = '\0';
  info->EnableRouting = 0;
  info->EnableProxy = 0;
  info->EnableDns = 0;
  return NO_ERROR;
}

/* ---- DnsFlushResolverCache (dnsapi.dll's, exported here too) ---- */

BOOL WINAPI DnsFlushResolverCache(void) {
  answered("DnsFlushResolverCache");
  LONG running = InterlockedIncrement(&in_flight);
  leasectl_double_log("DnsFlushResolverCache", 0, "", running);
  InterlockedDecrement(&in_flight);
  return scenario("flush-fails") ? FALSE : TRUE;
}

/* ---- IpReleaseAddress / IpRenewAddress ---- */

static void log_call(const char *function, const IP_ADAPTER_INDEX_MAP *map, LONG running) {
  char name[4 * MAX_ADAPTER_NAME];
  int units = (int)wcsnlen(map->Name, MAX_ADAPTER_NAME), length;
  /* The name is logged as received, up to its terminator or the array's end. */
  length = WideCharToMultiByte(CP_UTF8, 0, map->Name, units, name, sizeof name - 1, NULL, NULL);
  name[length] = '\0';
  leasectl_double_log(function, (unsigned long)map->Index, name, running);
}

/* Windows acts on the adapter the Name names; the Index is not consulted. */
static const adapter_t *adapter_named(const wchar_t *name, const adapter_t *adapters, int count) {
  BOOL bare = scenario("bare-guid");
  for (int n = 0; n < count; n++) {
    wchar_t expected[MAX_ADAPTER_NAME], guid_wide[40];
    char guid[40];
    if (!adapters[n].ipv4_bound) continue;
    guid_of(&adapters[n], guid, sizeof guid);
    swprintf(expected, MAX_ADAPTER_NAME, L"\\DEVICE\\TCPIP_%hs", guid);
    swprintf(guid_wide, 40, L"%hs", guid);
    if (_wcsicmp(expected, name) == 0 || (bare && _wcsicmp(guid_wide, name) == 0)) return &adapters[n];
  }
  return NULL;
}

static DWORD act(PIP_ADAPTER_INDEX_MAP map, BOOL renew) {
  adapter_t *adapters;
  const adapter_t *a;
  char code[16], line[128], now[24];
  int count;
  DWORD result = NO_ERROR;
  if (*env("LEASECTL_DOUBLE_CODE", code, sizeof code)) return (DWORD)strtoul(code, NULL, 10);
  if (wcsnlen(map->Name, MAX_ADAPTER_NAME) == MAX_ADAPTER_NAME) return ERROR_INVALID_PARAMETER;
  if ((adapters = new_adapters()) == NULL) return ERROR_NOT_ENOUGH_MEMORY;
  count = current_adapters(adapters, 0);
  if ((a = adapter_named(map->Name, adapters, count)) == NULL) {
    result = ERROR_INVALID_PARAMETER;
  } else {
    if (renew && scenario("hang") && a->index == 11) Sleep(60000);
    if (!renew && scenario("hang-release") && a->index == 11) Sleep(60000);
    if (renew && scenario("slow")) Sleep(500);
    if (scenario("denied")) result = ERROR_ACCESS_DENIED;
    else if (scenario("partial") && a->index == 15) result = ERROR_SEM_TIMEOUT;
    else if (!a->dhcp) result = ERROR_INVALID_PARAMETER;
    else if (renew) {
      snprintf(now, sizeof now, "%llu", leasectl_double_now_ms());
      state_line(line, sizeof line, "renewed", a, adapters, count, now);
      rewrite_state(a, "released renewed", line);
    } else {
      state_line(line, sizeof line, "released", a, adapters, count, NULL);
      rewrite_state(a, "released renewed", line);
    }
  }
  free(adapters);
  return result;
}

static DWORD release_or_renew(const char *function, PIP_ADAPTER_INDEX_MAP map, BOOL renew) {
  LONG running;
  DWORD result;
  if (!map) return ERROR_INVALID_PARAMETER;
  running = InterlockedIncrement(&in_flight);
  AcquireSRWLockExclusive(&lock);
  log_call(function, map, running);
  ReleaseSRWLockExclusive(&lock);
  result = act(map, renew);
  InterlockedDecrement(&in_flight);
  return result;
}

DWORD WINAPI IpReleaseAddress(PIP_ADAPTER_INDEX_MAP map) {
  answered("IpReleaseAddress");
  return release_or_renew("IpReleaseAddress", map, FALSE);
}

DWORD WINAPI IpRenewAddress(PIP_ADAPTER_INDEX_MAP map) {
  answered("IpRenewAddress");
  return release_or_renew("IpRenewAddress", map, TRUE);
}

/* ---- for the ipconfig.exe double: /release6 and /renew6 ---- */

static wchar_t fold(wchar_t c) {
  return (wchar_t)(ULONG_PTR)CharUpperW((LPWSTR)(ULONG_PTR)c);
}

/* One character of a name: a surrogate pair counts as one. */
static int char_length(const wchar_t *s) {
  return (s[0] >= 0xD800 && s[0] <= 0xDBFF && s[1] >= 0xDC00 && s[1] <= 0xDFFF) ? 2 : 1;
}

/* ipconfig's match: case-insensitive, whole name, '*' any run, '?' one character; linear with
   one backtrack point (the last '*'). */
static BOOL name_matches(const wchar_t *pattern, const wchar_t *name) {
  const wchar_t *star = NULL, *resume = NULL;
  while (*name) {
    if (*pattern == L'*') {
      star = ++pattern;
      resume = name;
    } else if (*pattern == L'?') {
      pattern++;
      name += char_length(name);
    } else if (*pattern && fold(*pattern) == fold(*name)) {
      pattern++;
      name++;
    } else if (star) {
      pattern = star;
      resume += char_length(resume);
      name = resume;
    } else {
      return FALSE;
    }
  }
  while (*pattern == L'*') pattern++;
  return *pattern == L'\0';
}

/* Marks (released) or unmarks the DHCPv6 lease of every IPv6-enabled, non-loopback adapter whose
   friendly name matches `pattern` (NULL: all of them). Returns how many adapters matched. */
DWORD WINAPI LeasectlDoubleSetReleased6(LPCWSTR pattern, BOOL released) {
  adapter_t *adapters = new_adapters();
  int count;
  DWORD matched = 0;
  if (!adapters) return 0;
  count = current_adapters(adapters, 0);
  for (int n = 0; n < count; n++) {
    const adapter_t *a = &adapters[n];
    char line[128];
    if (!a->ipv6_enabled || a->if_type == IF_TYPE_SOFTWARE_LOOPBACK) continue;
    if (pattern && !name_matches(pattern, a->friendly_name)) continue;
    state_line(line, sizeof line, "released6", a, adapters, count, NULL);
    rewrite_state(a, "released6", released ? line : NULL);
    matched++;
  }
  free(adapters);
  return matched;
}
