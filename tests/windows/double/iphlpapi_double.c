/*
 * A test double for Iphlpapi.dll, loaded by leasectl through LEASECTL_IPHLPAPI.
 *
 * It is compiled from the SDK headers, so a layout leasectl gets wrong shows up
 * as wrong data. Its answers are laid out inside the caller's buffer, linked
 * lists and strings included, as Windows does.
 *
 * LEASECTL_DOUBLE_SCENARIO, a comma-separated list:
 *   standard  (default) DHCP up, DHCP up, DHCP disconnected, static, IPv6-only, loopback
 *   unicode   non-ASCII friendly names (one with a surrogate pair) and a literal '*'
 *   many      64 DHCP adapters, all up
 *   none      no adapters: every call answers ERROR_NO_DATA
 *   zero      GetInterfaceInfo answers NO_ERROR with NumAdapters 0
 *   grow      40 more adapters appear on each of the first two GetAdaptersAddresses calls
 *   denied    IpReleaseAddress / IpRenewAddress answer ERROR_ACCESS_DENIED
 *   partial   renewing or releasing "Ethernet 2" fails with ERROR_SEM_TIMEOUT
 *   slow      every IpRenewAddress takes 500 ms
 *   hang      IpRenewAddress on interface 11 ("Ethernet") takes 60 s
 * LEASECTL_DOUBLE_STATE  a file remembering released adapters between processes
 * LEASECTL_DOUBLE_LOG    a file that gets one line per release/renew call:
 *                        "<function>\t<Index>\t<Name>\t<in flight>\n", the name in
 *                        UTF-8, and how many calls were running as it began, itself included
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define MANY_ADAPTERS 64
#define GROW_STEP 40
#define MAX_ADAPTERS (8 + MANY_ADAPTERS + 2 * GROW_STEP)

typedef struct {
  ULONG index;
  const wchar_t *friendly_name;
  const wchar_t *description;
  BYTE mac[6];
  BOOL dhcp;
  IF_OPER_STATUS oper_status;
  ULONG if_type;
  BOOL ipv4_bound; /* present in GetInterfaceInfo / GetAdaptersInfo */
  const char *ipv4;
  const char *ipv6;
  const char *gateway;
  const char *dns[2];
  const char *dhcp_server;
  __time64_t lease_obtained, lease_expires;
} adapter_t;

#define LEASE_OBTAINED 1795161600 /* 2026-11-20T08:00:00Z */
#define LEASE_EXPIRES 1795248000  /* 2026-11-21T08:00:00Z */

static const adapter_t standard_adapters[] = {
  {11, L"Ethernet", L"Intel(R) Ethernet Connection I219-V", {0x00, 0x15, 0x5D, 0xAA, 0xBB, 0x01},
   TRUE, IfOperStatusUp, IF_TYPE_ETHERNET_CSMACD, TRUE, "192.0.2.23", "fe80::215:5dff:feaa:bb01",
   "192.0.2.1", {"192.0.2.53", "2001:db8::53"}, "192.0.2.1", LEASE_OBTAINED, LEASE_EXPIRES},
  {15, L"Ethernet 2", L"Realtek USB GbE Family Controller", {0x00, 0x15, 0x5D, 0xAA, 0xBB, 0x02},
   TRUE, IfOperStatusUp, IF_TYPE_ETHERNET_CSMACD, TRUE, "198.51.100.40", NULL,
   "198.51.100.1", {"198.51.100.1", NULL}, "198.51.100.1", LEASE_OBTAINED, LEASE_EXPIRES},
  {12, L"Wi-Fi", L"Intel(R) Wi-Fi 6 AX201 160MHz", {0x00, 0x15, 0x5D, 0xAA, 0xBB, 0x03},
   TRUE, IfOperStatusDown, IF_TYPE_IEEE80211, TRUE, NULL, NULL, NULL, {NULL, NULL}, NULL, 0, 0},
  {13, L"Static LAN", L"Intel(R) 82574L Gigabit Network Connection", {0x00, 0x15, 0x5D, 0xAA, 0xBB, 0x04},
   FALSE, IfOperStatusUp, IF_TYPE_ETHERNET_CSMACD, TRUE, "203.0.113.7", NULL,
   "203.0.113.1", {"203.0.113.53", NULL}, NULL, 0, 0},
  {14, L"IPv6 Only", L"Microsoft Hyper-V Network Adapter", {0x00, 0x15, 0x5D, 0xAA, 0xBB, 0x05},
   TRUE, IfOperStatusUp, IF_TYPE_ETHERNET_CSMACD, FALSE, NULL, "2001:db8::14", NULL, {NULL, NULL},
   NULL, 0, 0},
  {1, L"Loopback Pseudo-Interface 1", L"Software Loopback Interface 1", {0},
   FALSE, IfOperStatusUp, IF_TYPE_SOFTWARE_LOOPBACK, FALSE, "127.0.0.1", "::1", NULL, {NULL, NULL},
   NULL, 0, 0},
};

static const adapter_t unicode_adapters[] = {
  {21, L"Ethernet \u00dcn\u00efc\u00f8d\u00e9 \U0001F680", L"Contoso \u00c9thernet", {0x02, 0, 0, 0, 0, 0x21},
   TRUE, IfOperStatusUp, IF_TYPE_ETHERNET_CSMACD, TRUE, "192.0.2.121", NULL, "192.0.2.1", {NULL, NULL},
   "192.0.2.1", LEASE_OBTAINED, LEASE_EXPIRES},
  {22, L"R\u00c9SEAU SANS FIL", L"Contoso Wi-Fi", {0x02, 0, 0, 0, 0, 0x22},
   TRUE, IfOperStatusUp, IF_TYPE_IEEE80211, TRUE, "192.0.2.122", NULL, "192.0.2.1", {NULL, NULL},
   "192.0.2.1", LEASE_OBTAINED, LEASE_EXPIRES},
  {23, L"Lab*Net", L"Contoso Lab Adapter", {0x02, 0, 0, 0, 0, 0x23},
   TRUE, IfOperStatusUp, IF_TYPE_ETHERNET_CSMACD, TRUE, "192.0.2.123", NULL, "192.0.2.1", {NULL, NULL},
   "192.0.2.1", LEASE_OBTAINED, LEASE_EXPIRES},
  {24, L"LabXNet", L"Contoso Lab Adapter #2", {0x02, 0, 0, 0, 0, 0x24},
   TRUE, IfOperStatusUp, IF_TYPE_ETHERNET_CSMACD, TRUE, "192.0.2.124", NULL, "192.0.2.1", {NULL, NULL},
   "192.0.2.1", LEASE_OBTAINED, LEASE_EXPIRES},
};

static CRITICAL_SECTION lock;
static LONG gaa_calls;
static LONG in_flight;
static wchar_t generated_names[MANY_ADAPTERS + 2 * GROW_STEP][32];
static char generated_ipv4[MANY_ADAPTERS + 2 * GROW_STEP][16];

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  (void)instance;
  (void)reserved;
  if (reason == DLL_PROCESS_ATTACH) InitializeCriticalSection(&lock);
  return TRUE;
}

/* The live process environment, not the C runtime's copy made when it loaded,
   so that a test can change scenario between calls. Empty when unset. */
static const char *env(const char *name, char *out, DWORD size) {
  DWORD length = GetEnvironmentVariableA(name, out, size);
  if (length == 0 || length >= size) out[0] = '\0';
  return out;
}

static BOOL scenario(const char *word) {
  char buffer[256];
  const char *list = env("LEASECTL_DOUBLE_SCENARIO", buffer, sizeof buffer);
  size_t length = strlen(word);
  if (!*list) return strcmp(word, "standard") == 0;
  for (const char *at = list; (at = strstr(at, word)) != NULL; at += length) {
    BOOL starts = at == list || at[-1] == ',';
    BOOL ends = at[length] == '\0' || at[length] == ',';
    if (starts && ends) return TRUE;
  }
  return FALSE;
}

static adapter_t make_adapter(int n, const wchar_t *prefix, ULONG first_index) {
  adapter_t a = standard_adapters[0];
  swprintf(generated_names[n], 32, L"%ls %d", prefix, n + 1);
  snprintf(generated_ipv4[n], 16, "198.18.%d.%d", n / 200, n % 200 + 10);
  a.index = first_index + n;
  a.friendly_name = generated_names[n];
  a.mac[5] = (BYTE)n;
  a.mac[4] = (BYTE)(0x80 + n / 256);
  a.ipv4 = generated_ipv4[n];
  a.ipv6 = NULL;
  return a;
}

/* The adapters this process sees now; growing is the only change over time. */
static int current_adapters(adapter_t *out, int growth) {
  int count = 0;
  if (scenario("none")) return 0;
  if (scenario("many")) {
    for (int n = 0; n < MANY_ADAPTERS; n++) out[count++] = make_adapter(n, L"Ethernet", 100);
  } else if (scenario("unicode")) {
    for (size_t n = 0; n < sizeof unicode_adapters / sizeof *unicode_adapters; n++)
      out[count++] = unicode_adapters[n];
  } else {
    for (size_t n = 0; n < sizeof standard_adapters / sizeof *standard_adapters; n++)
      out[count++] = standard_adapters[n];
  }
  for (int n = 0; n < growth * GROW_STEP; n++)
    out[count++] = make_adapter(MANY_ADAPTERS + n, L"Hot-plug", 1000);
  return count;
}

static void guid_of(const adapter_t *a, char *out, size_t size) {
  snprintf(out, size, "{1EA5EC71-0000-4000-8000-%012lX}", (unsigned long)a->index);
}

/* ---- the released-adapter state, shared between processes through a file ---- */

static BOOL is_released(ULONG index) {
  char path[MAX_PATH];
  FILE *file = *env("LEASECTL_DOUBLE_STATE", path, sizeof path) ? fopen(path, "r") : NULL;
  unsigned long value;
  BOOL found = FALSE;
  if (!file) return FALSE;
  while (!found && fscanf(file, "%lu", &value) == 1) found = value == index;
  fclose(file);
  return found;
}

static void set_released(ULONG index, BOOL released) {
  char path[MAX_PATH];
  unsigned long values[MAX_ADAPTERS + 1], value;
  int count = 0;
  FILE *file;
  if (!*env("LEASECTL_DOUBLE_STATE", path, sizeof path)) return;
  if ((file = fopen(path, "r")) != NULL) {
    while (count < MAX_ADAPTERS && fscanf(file, "%lu", &value) == 1)
      if (value != index) values[count++] = value;
    fclose(file);
  }
  if (released) values[count++] = index;
  if ((file = fopen(path, "w")) == NULL) return;
  for (int n = 0; n < count; n++) fprintf(file, "%lu\n", values[n]);
  fclose(file);
}

/* ---- GetInterfaceInfo ---- */

DWORD WINAPI GetInterfaceInfo(PIP_INTERFACE_INFO table, PULONG size) {
  adapter_t adapters[MAX_ADAPTERS];
  int count = current_adapters(adapters, 0), bound = 0;
  ULONG needed;
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
  for (int n = 0; n < count; n++) bound += adapters[n].ipv4_bound;
  if (bound == 0) return ERROR_NO_DATA;
  needed = offsetof(IP_INTERFACE_INFO, Adapter) + bound * sizeof(IP_ADAPTER_INDEX_MAP);
  if (!table || *size < needed) {
    *size = needed;
    return ERROR_INSUFFICIENT_BUFFER;
  }
  table->NumAdapters = bound;
  for (int n = 0, at = 0; n < count; n++) {
    char guid[40];
    if (!adapters[n].ipv4_bound) continue;
    guid_of(&adapters[n], guid, sizeof guid);
    table->Adapter[at].Index = adapters[n].index;
    swprintf(table->Adapter[at].Name, MAX_ADAPTER_NAME, L"\\DEVICE\\TCPIP_%hs", guid);
    at++;
  }
  return NO_ERROR;
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

static void put_sockaddr(arena_t *arena, SOCKET_ADDRESS *out, const char *text) {
  if (strchr(text, ':')) {
    SOCKADDR_IN6 *sa = take(arena, sizeof *sa);
    if (!sa) return;
    sa->sin6_family = AF_INET6;
    inet_pton(AF_INET6, text, &sa->sin6_addr);
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
  if (family == AF_INET) return strchr(address, ':') == NULL;
  if (family == AF_INET6) return strchr(address, ':') != NULL;
  return TRUE;
}

static void lay_out(arena_t *arena, const adapter_t *adapters, int count, ULONG family, ULONG flags) {
  IP_ADAPTER_ADDRESSES *previous = NULL;
  IP_ADAPTER_ADDRESSES *records = take(arena, count * sizeof(IP_ADAPTER_ADDRESSES));
  for (int n = 0; n < count; n++) {
    const adapter_t *a = &adapters[n];
    IP_ADAPTER_ADDRESSES *out = records ? &records[n] : NULL;
    IP_ADAPTER_UNICAST_ADDRESS *last_unicast = NULL;
    IP_ADAPTER_DNS_SERVER_ADDRESS *last_dns = NULL;
    const char *unicast[2] = {is_released(a->index) ? NULL : a->ipv4, a->ipv6};
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
      out->PhysicalAddressLength = a->if_type == IF_TYPE_SOFTWARE_LOOPBACK ? 0 : 6;
      out->Flags = (a->dhcp ? IP_ADAPTER_DHCP_ENABLED : 0) | (a->ipv4_bound ? IP_ADAPTER_IPV4_ENABLED : 0) |
                   (a->ipv6 ? IP_ADAPTER_IPV6_ENABLED : 0);
      out->Mtu = 1500;
      out->IfType = a->if_type;
      out->OperStatus = a->oper_status;
      out->Luid.Info.NetLuidIndex = a->index;
      out->Luid.Info.IfType = a->if_type;
    }
    {
      wchar_t *suffix = put_wide(arena, L"");
      wchar_t *description = put_wide(arena, a->description);
      wchar_t *friendly = put_wide(arena, a->friendly_name);
      if (out) {
        out->DnsSuffix = suffix;
        out->Description = description;
        out->FriendlyName = friendly;
      }
    }
    for (int k = 0; k < 2; k++) {
      IP_ADAPTER_UNICAST_ADDRESS *entry;
      if (!wanted(family, unicast[k])) continue;
      entry = take(arena, sizeof *entry);
      if (entry) {
        entry->Length = sizeof *entry;
        entry->OnLinkPrefixLength = strchr(unicast[k], ':') ? 64 : 24;
        if (last_unicast) last_unicast->Next = entry;
        else out->FirstUnicastAddress = entry;
        last_unicast = entry;
      }
      put_sockaddr(arena, entry ? &entry->Address : NULL, unicast[k]);
    }
    if ((flags & GAA_FLAG_INCLUDE_GATEWAYS) && wanted(family, a->gateway) && !is_released(a->index)) {
      IP_ADAPTER_GATEWAY_ADDRESS *entry = take(arena, sizeof *entry);
      if (entry) {
        entry->Length = sizeof *entry;
        out->FirstGatewayAddress = entry;
      }
      put_sockaddr(arena, entry ? &entry->Address : NULL, a->gateway);
    }
    for (int k = 0; k < 2 && !(flags & GAA_FLAG_SKIP_DNS_SERVER); k++) {
      IP_ADAPTER_DNS_SERVER_ADDRESS *entry;
      if (!wanted(family, a->dns[k])) continue;
      entry = take(arena, sizeof *entry);
      if (entry) {
        entry->Length = sizeof *entry;
        if (last_dns) last_dns->Next = entry;
        else out->FirstDnsServerAddress = entry;
        last_dns = entry;
      }
      put_sockaddr(arena, entry ? &entry->Address : NULL, a->dns[k]);
    }
    if (a->dhcp_server && a->dhcp && !is_released(a->index))
      put_sockaddr(arena, out ? &out->Dhcpv4Server : NULL, a->dhcp_server);
  }
}

ULONG WINAPI GetAdaptersAddresses(ULONG family, ULONG flags, PVOID reserved,
                                  PIP_ADAPTER_ADDRESSES buffer, PULONG size) {
  adapter_t adapters[MAX_ADAPTERS];
  arena_t arena = {NULL, 0};
  int growth = 0, count;
  (void)reserved;
  if (!size || (family != AF_UNSPEC && family != AF_INET && family != AF_INET6))
    return ERROR_INVALID_PARAMETER;
  if (scenario("grow")) {
    LONG calls = InterlockedIncrement(&gaa_calls);
    growth = calls < 2 ? (int)calls : 2;
  }
  count = current_adapters(adapters, growth);
  if (count == 0) return ERROR_NO_DATA;
  lay_out(&arena, adapters, count, family, flags);
  if (!buffer || *size < arena.used) {
    *size = (ULONG)arena.used;
    return ERROR_BUFFER_OVERFLOW;
  }
  arena.base = (BYTE *)buffer;
  arena.used = 0;
  lay_out(&arena, adapters, count, family, flags);
  return NO_ERROR;
}

/* ---- GetAdaptersInfo: the IPv4 view, with the lease times ---- */

static void put_addr_string(IP_ADDR_STRING *out, const char *address, const char *mask) {
  snprintf(out->IpAddress.String, sizeof out->IpAddress.String, "%s", address ? address : "0.0.0.0");
  snprintf(out->IpMask.String, sizeof out->IpMask.String, "%s", mask);
}

DWORD WINAPI GetAdaptersInfo(PIP_ADAPTER_INFO info, PULONG size) {
  adapter_t adapters[MAX_ADAPTERS];
  int count = current_adapters(adapters, 0), bound = 0;
  ULONG needed;
  if (!size) return ERROR_INVALID_PARAMETER;
  for (int n = 0; n < count; n++) bound += adapters[n].ipv4_bound && adapters[n].if_type != IF_TYPE_SOFTWARE_LOOPBACK;
  if (bound == 0) return ERROR_NO_DATA;
  needed = bound * sizeof(IP_ADAPTER_INFO);
  if (!info || *size < needed) {
    *size = needed;
    return ERROR_BUFFER_OVERFLOW;
  }
  memset(info, 0, needed);
  for (int n = 0, at = 0; n < count; n++) {
    const adapter_t *a = &adapters[n];
    IP_ADAPTER_INFO *out = &info[at];
    BOOL released = is_released(a->index);
    if (!a->ipv4_bound || a->if_type == IF_TYPE_SOFTWARE_LOOPBACK) continue;
    if (++at < bound) out->Next = &info[at];
    out->ComboIndex = a->index;
    guid_of(a, out->AdapterName, sizeof out->AdapterName);
    WideCharToMultiByte(CP_ACP, 0, a->description, -1, out->Description, sizeof out->Description, NULL, NULL);
    out->AddressLength = 6;
    memcpy(out->Address, a->mac, 6);
    out->Index = a->index;
    out->Type = a->if_type == IF_TYPE_IEEE80211 ? IF_TYPE_IEEE80211 : MIB_IF_TYPE_ETHERNET;
    out->DhcpEnabled = a->dhcp;
    put_addr_string(&out->IpAddressList, released ? NULL : a->ipv4, released || !a->ipv4 ? "0.0.0.0" : "255.255.255.0");
    put_addr_string(&out->GatewayList, released ? NULL : a->gateway, "0.0.0.0");
    put_addr_string(&out->DhcpServer, released ? NULL : a->dhcp_server, "255.255.255.255");
    out->LeaseObtained = released ? 0 : a->lease_obtained;
    out->LeaseExpires = released ? 0 : a->lease_expires;
  }
  return NO_ERROR;
}

/* ---- IpReleaseAddress / IpRenewAddress ---- */

static void log_call(const char *function, const IP_ADAPTER_INDEX_MAP *map, LONG running) {
  char path[MAX_PATH], name[4 * MAX_ADAPTER_NAME];
  int units = (int)wcsnlen(map->Name, MAX_ADAPTER_NAME), length;
  FILE *file;
  if (!*env("LEASECTL_DOUBLE_LOG", path, sizeof path)) return;
  /* The name is logged as received, up to its terminator or the array's end. */
  length = WideCharToMultiByte(CP_UTF8, 0, map->Name, units, name, sizeof name - 1, NULL, NULL);
  name[length] = '\0';
  if ((file = fopen(path, "a")) == NULL) return;
  fprintf(file, "%s\t%lu\t%s\t%ld\n", function, (unsigned long)map->Index, name, running);
  fclose(file);
}

/* Windows acts on the adapter the Name names; the Index is not consulted. */
static const adapter_t *adapter_named(const wchar_t *name, adapter_t *adapters, int count) {
  for (int n = 0; n < count; n++) {
    wchar_t expected[MAX_ADAPTER_NAME];
    char guid[40];
    guid_of(&adapters[n], guid, sizeof guid);
    swprintf(expected, MAX_ADAPTER_NAME, L"\\DEVICE\\TCPIP_%hs", guid);
    if (adapters[n].ipv4_bound && _wcsicmp(expected, name) == 0) return &adapters[n];
  }
  return NULL;
}

static DWORD act(PIP_ADAPTER_INDEX_MAP map, BOOL renew) {
  adapter_t adapters[MAX_ADAPTERS];
  int count = current_adapters(adapters, 0);
  const adapter_t *a;
  if (wcsnlen(map->Name, MAX_ADAPTER_NAME) == MAX_ADAPTER_NAME) return ERROR_INVALID_PARAMETER;
  if ((a = adapter_named(map->Name, adapters, count)) == NULL) return ERROR_INVALID_PARAMETER;
  if (renew && scenario("hang") && a->index == 11) Sleep(60000);
  if (renew && scenario("slow")) Sleep(500);
  if (scenario("denied")) return ERROR_ACCESS_DENIED;
  if (scenario("partial") && a->index == 15) return ERROR_SEM_TIMEOUT;
  if (!a->dhcp) return ERROR_INVALID_PARAMETER;
  EnterCriticalSection(&lock);
  set_released(a->index, !renew);
  LeaveCriticalSection(&lock);
  return NO_ERROR;
}

static DWORD release_or_renew(const char *function, PIP_ADAPTER_INDEX_MAP map, BOOL renew) {
  LONG running;
  DWORD result;
  if (!map) return ERROR_INVALID_PARAMETER;
  running = InterlockedIncrement(&in_flight);
  EnterCriticalSection(&lock);
  log_call(function, map, running);
  LeaveCriticalSection(&lock);
  result = act(map, renew);
  InterlockedDecrement(&in_flight);
  return result;
}

DWORD WINAPI IpReleaseAddress(PIP_ADAPTER_INDEX_MAP map) {
  return release_or_renew("IpReleaseAddress", map, FALSE);
}

DWORD WINAPI IpRenewAddress(PIP_ADAPTER_INDEX_MAP map) {
  return release_or_renew("IpRenewAddress", map, TRUE);
}
