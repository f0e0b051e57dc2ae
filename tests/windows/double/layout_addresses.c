/* GetAdaptersAddresses: the adapters laid out in the caller's buffer, linked lists and strings
   included, as Windows does. */
#include <stdlib.h>
#include <wchar.h>
#include "iphlpapi_double.h"

static LONG gaa_calls;

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
