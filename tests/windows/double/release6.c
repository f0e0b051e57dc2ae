/* LeasectlDoubleSetReleased6, for the ipconfig.exe double's /release6 and /renew6: ipconfig's name
   match, and the released6 lines of the state file. */
#include <stdlib.h>
#include "iphlpapi_double.h"

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
