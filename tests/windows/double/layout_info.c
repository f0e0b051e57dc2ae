/* GetAdaptersInfo: the IPv4 view of the adapters, with the lease times, in the caller's buffer. */
#include <stdio.h>
#include <stdlib.h>
#include "iphlpapi_double.h"

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
