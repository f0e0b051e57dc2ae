/*
 * A test double for dhcpcsvc.dll and dhcpcsvc6.dll, loaded by leasectl through
 * LEASECTL_DHCPCSVC and LEASECTL_DHCPCSVC6 (one DLL exports both sets).
 *
 * It is compiled from the SDK headers (dhcpcsdk.h, dhcpv6csdk.h), and lays its
 * answer out as Windows does: the options' bytes one after another in the
 * caller's Buffer, each DHCPCAPI_PARAMS.Data pointing at its own, nBytesData 0
 * for an option the client does not hold; ERROR_MORE_DATA with the size needed
 * when Buffer is too small. It knows the Iphlpapi double's adapters by their
 * GUIDs, {1EA5EC71-0000-4000-8000-<interface index, 12 hex digits>}.
 *
 * LEASECTL_DOUBLE_SCENARIO, a comma-separated list shared with the Iphlpapi double:
 *   (any)             interface 11 holds 1, 3, 6, 15, 43 (240 bytes), 51, 54, 58, 59, 119, 121, 252;
 *                     every other one 1, 3, 6 and 51; DHCPv6 23 and 24 for interface 11 only
 *   options-grow      the size needed grows by 64 bytes between the first and the second call
 *   options-malformed 6 is 5 bytes, 46 is 3, 121 has a width of 40, 51 is 2 bytes
 *   options-loop      119 holds a compression pointer loop
 *   options-outside   3's Data points past the end of Buffer
 *   options-hang      DhcpRequestParams on interface 11 takes 60 s
 *   options-slow      every DhcpRequestParams takes 200 ms, as a DHCPINFORM answered at once would
 * LEASECTL_DOUBLE_LOG  a file that gets one line per call:
 *   "<function>\t<*pSize given>\t<AdapterName> <Flags> <SendParams.nParams> <codes,...>\t<in flight>\t<ms>\n"
 */
#include <windows.h>
#include <dhcpcsdk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dhcpv6csdk_fixed.h"
#include "double.h"

static SRWLOCK log_lock = SRWLOCK_INIT;
static volatile LONG in_flight;
static volatile LONG calls_made;

static void log_line(const char *function, DWORD size, const char *detail, long running) {
  char path[MAX_PATH];
  FILE *file;
  if (!*env("LEASECTL_DOUBLE_LOG", path, sizeof path)) return;
  AcquireSRWLockExclusive(&log_lock);
  if ((file = fopen(path, "ab")) != NULL) {
    fprintf(file, "%s\t%lu\t%s\t%ld\t%llu\n", function, (unsigned long)size, detail, running, now_ms());
    fclose(file);
  }
  ReleaseSRWLockExclusive(&log_lock);
}

/* The interface index in an AdapterName "{1EA5EC71-0000-4000-8000-XXXXXXXXXXXX}", or 0. */
static unsigned long index_of(LPCWSTR name) {
  static const WCHAR prefix[] = L"{1EA5EC71-0000-4000-8000-";
  size_t length = wcslen(prefix);
  if (!name || wcsncmp(name, prefix, length) != 0 || wcslen(name) != length + 13) return 0;
  return wcstoul(name + length, NULL, 16);
}

typedef struct {
  BYTE bytes[300];
  DWORD length;
} option_t;

#define TEXT_OPTION(o, s) (memcpy((o)->bytes, (s), sizeof(s) - 1), (o)->length = sizeof(s) - 1)
#define BYTES_OPTION(o, ...)                                          \
  do {                                                                \
    static const BYTE data[] = {__VA_ARGS__};                         \
    memcpy((o)->bytes, data, sizeof data);                            \
    (o)->length = sizeof data;                                        \
  } while (0)

/* What the client holds for option `code` of interface `index`: FALSE when it holds nothing. */
static BOOL option_for(unsigned long index, ULONG code, option_t *o) {
  BOOL rich = index == 11;
  o->length = 0;
  switch (code) {
    case 1: BYTES_OPTION(o, 255, 255, 255, 0); break;
    case 3:
      o->bytes[0] = 192, o->bytes[1] = 0, o->bytes[2] = 2, o->bytes[3] = 1, o->length = 4;
      if (!rich) o->bytes[0] = 198, o->bytes[1] = 18, o->bytes[2] = (BYTE)(index / 200), o->bytes[3] = 1;
      break;
    case 6:
      if (scenario("options-malformed")) BYTES_OPTION(o, 192, 0, 2, 53, 192);
      else BYTES_OPTION(o, 192, 0, 2, 53, 192, 0, 2, 54);
      break;
    case 51:
      if (scenario("options-malformed")) BYTES_OPTION(o, 0, 1);
      else BYTES_OPTION(o, 0, 1, 81, 128); /* 86400 */
      break;
    default:
      if (!rich) return FALSE;
      switch (code) {
        case 15: TEXT_OPTION(o, "corp.example"); break;
        case 43:
          for (int i = 0; i < 240; i++) o->bytes[i] = (BYTE)i;
          o->length = 240;
          break;
        case 46:
          if (!scenario("options-malformed")) return FALSE;
          BYTES_OPTION(o, 3);
          break;
        case 54: BYTES_OPTION(o, 192, 0, 2, 1); break;
        case 58: BYTES_OPTION(o, 0, 0, 168, 192); break; /* 43200 */
        case 59: BYTES_OPTION(o, 0, 1, 39, 80); break;   /* 75600 */
        case 119:
          if (scenario("options-loop")) BYTES_OPTION(o, 3, 'e', 'n', 'g', 0xC0, 0);
          else BYTES_OPTION(o, 4, 'c', 'o', 'r', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
                            3, 'e', 'n', 'g', 0xC0, 0);
          break;
        case 121:
          if (scenario("options-malformed")) BYTES_OPTION(o, 40, 10, 192, 0, 2, 254);
          else BYTES_OPTION(o, 8, 10, 192, 0, 2, 254, 0, 192, 0, 2, 1);
          break;
        case 252: TEXT_OPTION(o, "http://wpad.corp.example/wpad.dat\n"); break;
        default: return FALSE;
      }
  }
  return TRUE;
}

static BOOL option6_for(unsigned long index, ULONG code, option_t *o) {
  if (index != 11) return FALSE;
  if (code == 23) BYTES_OPTION(o, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53);
  else if (code == 24) BYTES_OPTION(o, 4, 'c', 'o', 'r', 'p', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0);
  else return FALSE;
  return TRUE;
}

static void describe(char *out, size_t size, LPCWSTR name, DWORD flags, ULONG sent, ULONG count,
                     const DHCPCAPI_PARAMS *params) {
  int at = snprintf(out, size, "%ls %lu %lu ", name ? name : L"(null)", (unsigned long)flags,
                    (unsigned long)sent);
  for (ULONG i = 0; i < count && at < (int)size - 8; i++)
    at += snprintf(out + at, size - at, "%s%lu", i ? "," : "", (unsigned long)params[i].OptionId);
}

/* Lays out the answers for `params` in Buffer, or says how much Buffer must hold. */
static DWORD answer(int family, LPCWSTR name, ULONG count, DHCPCAPI_PARAMS *params, LPBYTE buffer,
                    LPDWORD size) {
  unsigned long index = index_of(name);
  option_t option;
  DWORD needed = 0, at = 0;
  if (!index || !size) return ERROR_INVALID_PARAMETER;
  for (ULONG i = 0; i < count; i++) {
    BOOL held = family == 4 ? option_for(index, params[i].OptionId, &option)
                            : option6_for(index, params[i].OptionId, &option);
    if (held) needed += option.length;
  }
  /* options-grow: the client learns more between the first call and the second. */
  if (scenario("options-grow") && InterlockedIncrement(&calls_made) >= 2) needed += 64;
  if (*size < needed || !buffer) {
    *size = needed;
    return ERROR_MORE_DATA;
  }
  for (ULONG i = 0; i < count; i++) {
    BOOL held = family == 4 ? option_for(index, params[i].OptionId, &option)
                            : option6_for(index, params[i].OptionId, &option);
    params[i].Data = NULL;
    params[i].nBytesData = 0;
    if (!held) continue;
    memcpy(buffer + at, option.bytes, option.length);
    params[i].Data = buffer + at;
    params[i].nBytesData = option.length;
    if (family == 4 && params[i].OptionId == 3 && scenario("options-outside")) params[i].Data = buffer + *size + 16;
    at += option.length;
  }
  *size = needed;
  return ERROR_SUCCESS;
}

DWORD WINAPI DhcpCApiInitialize(LPDWORD Version) {
  if (Version) *Version = 2;
  log_line("DhcpCApiInitialize", 0, "", 0);
  return ERROR_SUCCESS;
}

VOID WINAPI DhcpCApiCleanup(VOID) { log_line("DhcpCApiCleanup", 0, "", 0); }

DWORD WINAPI DhcpRequestParams(DWORD Flags, LPVOID Reserved, LPWSTR AdapterName, LPDHCPCAPI_CLASSID ClassId,
                               DHCPCAPI_PARAMS_ARRAY SendParams, DHCPCAPI_PARAMS_ARRAY RecdParams,
                               LPBYTE Buffer, LPDWORD pSize, LPWSTR RequestIdStr) {
  char detail[1024];
  long running = InterlockedIncrement(&in_flight);
  DWORD code;
  (void)Reserved, (void)ClassId, (void)RequestIdStr;
  describe(detail, sizeof detail, AdapterName, Flags, SendParams.nParams, RecdParams.nParams, RecdParams.Params);
  log_line("DhcpRequestParams", pSize ? *pSize : 0, detail, running);
  if (scenario("options-hang") && index_of(AdapterName) == 11) Sleep(60000);
  if (scenario("options-slow")) Sleep(200);
  code = answer(4, AdapterName, RecdParams.nParams, RecdParams.Params, Buffer, pSize);
  InterlockedDecrement(&in_flight);
  return code;
}

DWORD APIENTRY Dhcpv6CApiInitialize(LPDWORD Version) {
  if (Version) *Version = 1;
  log_line("Dhcpv6CApiInitialize", 0, "", 0);
  return ERROR_SUCCESS;
}

VOID APIENTRY Dhcpv6CApiCleanup(void) { log_line("Dhcpv6CApiCleanup", 0, "", 0); }

DWORD APIENTRY Dhcpv6RequestParams(BOOL forceNewInform, LPVOID reserved, LPWSTR adapterName,
                                   LPDHCPV6CAPI_CLASSID classId, DHCPV6CAPI_PARAMS_ARRAY recdParams,
                                   LPBYTE buffer, LPDWORD pSize) {
  char detail[1024];
  (void)reserved, (void)classId;
  /* The v6 and v4 parameter structs share one layout (the layout probe checks it). */
  describe(detail, sizeof detail, adapterName, (DWORD)forceNewInform, 0, recdParams.nParams,
           (DHCPCAPI_PARAMS *)recdParams.Params);
  log_line("Dhcpv6RequestParams", pSize ? *pSize : 0, detail, 1);
  if (index_of(adapterName) != 11) return ERROR_FILE_NOT_FOUND;
  return answer(6, adapterName, recdParams.nParams, (DHCPCAPI_PARAMS *)recdParams.Params, buffer, pSize);
}
