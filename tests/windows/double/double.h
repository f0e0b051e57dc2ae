/*
 * What the test doubles share: the live environment, the scenario list of
 * LEASECTL_DOUBLE_SCENARIO, and the clock the logs use.
 */
#ifndef LEASECTL_DOUBLE_H
#define LEASECTL_DOUBLE_H

#include <windows.h>
#include <string.h>

/* The live process environment, not the C runtime's copy made when it loaded,
   so that a test can change scenario between calls. Empty when unset. */
static inline const char *env(const char *name, char *out, DWORD size) {
  DWORD length = GetEnvironmentVariableA(name, out, size);
  if (length == 0 || length >= size) out[0] = '\0';
  return out;
}

/* Whether `word` is one of the comma-separated scenarios; "standard" when none is set. */
static inline BOOL scenario(const char *word) {
  char buffer[512];
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

/* Milliseconds since 1970. */
static inline unsigned long long now_ms(void) {
  FILETIME now;
  ULARGE_INTEGER value;
  GetSystemTimePreciseAsFileTime(&now);
  value.LowPart = now.dwLowDateTime;
  value.HighPart = now.dwHighDateTime;
  return (value.QuadPart - 116444736000000000ULL) / 10000;
}

#endif
