/* The files every call may write: LEASECTL_DOUBLE_LOG (release/renew/flush calls, with how many
   were in flight) and LEASECTL_DOUBLE_ANSWERED, and the one mutex that guards them and the state file. */
#include <stdio.h>
#include "iphlpapi_double.h"

LONG in_flight;

/* Milliseconds since 1970, for the other files of this DLL. */
unsigned long long leasectl_double_now_ms(void) { return now_ms(); }

/* One mutex, shared by every process that loads the double, guards the state file and the log. */
HANDLE lock_files(void) {
  HANDLE mutex = CreateMutexW(NULL, FALSE, L"Local\\leasectl-double-files");
  if (mutex) WaitForSingleObject(mutex, 10000); /* an abandoned mutex is owned all the same */
  return mutex;
}

void unlock_files(HANDLE mutex) {
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
void answered(const char *function) {
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
