/* IpReleaseAddress and IpRenewAddress: logged, then slow, hung, failing with a code, or recorded in
   the state file, as the scenario says. */
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include "iphlpapi_double.h"

static SRWLOCK lock = SRWLOCK_INIT;

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
