/* GetInterfaceInfo: the index/name map of the IPv4-bound adapters, in the caller's buffer. */
#include <stdlib.h>
#include <wchar.h>
#include "iphlpapi_double.h"

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
