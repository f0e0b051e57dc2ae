/*
 * A test double for ipconfig.exe's /release6 and /renew6, run by leasectl through
 * LEASECTL_IPCONFIG as `ipconfig.exe /release6 "<name>"` (or /renew6; no name: every
 * IPv6-enabled adapter). It acts on the Iphlpapi double's state: it loads the DLL that
 * LEASECTL_IPHLPAPI names and calls its LeasectlDoubleSetReleased6.
 *
 * LEASECTL_DOUBLE_LOG       gets "ipconfig\t0\t<command line, UTF-8>\t1\t<ms since 1970>\n"
 * LEASECTL_DOUBLE_SCENARIO  ipconfig-fail  an error for the adapter, exit 1, state unchanged
 *                           ipconfig-hang  60 s before acting
 *                           slow6          500 ms before acting
 *                           ipconfig-cp850 ipconfig-fail's error in German, in code page 850
 *                           ipconfig-cp866 ipconfig-fail's error in Russian, in code page 866
 * As Windows' ipconfig does when redirected, the localized ones write their text in
 * an OEM code page, not in UTF-8.
 */
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "double.h"

typedef DWORD(WINAPI *set_released6_t)(LPCWSTR pattern, BOOL released);

static char *utf8(const wchar_t *text) {
  int size = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
  char *out = malloc(size > 0 ? size : 1);
  if (!out) return NULL;
  out[0] = '\0';
  if (size > 0) WideCharToMultiByte(CP_UTF8, 0, text, -1, out, size, NULL, NULL);
  return out;
}

/* The same mutex as the DLL's, so that lines from several processes do not mix. */
static void log_command_line(const wchar_t *command_line) {
  char path[MAX_PATH], *line;
  HANDLE mutex;
  FILE *file;
  if (!*env("LEASECTL_DOUBLE_LOG", path, sizeof path) || (line = utf8(command_line)) == NULL) return;
  mutex = CreateMutexW(NULL, FALSE, L"Local\\leasectl-double-files");
  if (mutex) WaitForSingleObject(mutex, 10000);
  if ((file = fopen(path, "ab")) != NULL) {
    fprintf(file, "ipconfig\t0\t%s\t1\t%llu\n", line, now_ms());
    fclose(file);
  }
  if (mutex) {
    ReleaseMutex(mutex);
    CloseHandle(mutex);
  }
  free(line);
}

/* Exactly these bytes to stdout (CRLF line ends are in the text). */
static void say(const char *text) {
  DWORD written;
  WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &written, NULL);
}

/* `text` in `code_page`'s bytes to stdout, as a localized ipconfig writes into a pipe. */
static void say_in(UINT code_page, const wchar_t *text) {
  int size = WideCharToMultiByte(code_page, 0, text, -1, NULL, 0, NULL, NULL);
  char *bytes = size > 0 ? malloc(size) : NULL;
  if (!bytes) return;
  WideCharToMultiByte(code_page, 0, text, -1, bytes, size, NULL, NULL);
  say(bytes);
  free(bytes);
}

static int usage(void) {
  say("\r\nError: unrecognized or incomplete command line.\r\n\r\n"
      "USAGE:\r\n    ipconfig [/release6 [adapter] | /renew6 [adapter]]\r\n");
  return 1;
}

int main(void) {
  const wchar_t *command_line = GetCommandLineW();
  wchar_t library[MAX_PATH];
  const wchar_t *pattern;
  int argc = 0;
  LPWSTR *argv;
  BOOL release;
  HMODULE module;
  set_released6_t set_released6;
  DWORD matched;

  log_command_line(command_line);
  argv = CommandLineToArgvW(command_line, &argc);
  if (!argv || argc < 2 || argc > 3) return usage();
  if ((argv[1][0] != L'/' && argv[1][0] != L'-')) return usage();
  if (_wcsicmp(argv[1] + 1, L"release6") == 0) release = TRUE;
  else if (_wcsicmp(argv[1] + 1, L"renew6") == 0) release = FALSE;
  else return usage();
  pattern = argc == 3 ? argv[2] : NULL;

  if (scenario("ipconfig-cp850")) {
    say_in(850, L"\r\nWindows-IP-Konfiguration\r\n\r\n"
                L"Beim Erneuern der Schnittstelle \"Ethernet\" ist ein Fehler aufgetreten: "
                L"Die Datei wurde nicht gefunden. \u00dcberpr\u00fcfen Sie den Namen f\u00fcr Ger\u00e4te.\r\n");
    return 1;
  }
  if (scenario("ipconfig-cp866")) {
    say_in(866, L"\r\n\u041d\u0430\u0441\u0442\u0440\u043e\u0439\u043a\u0430 \u043f\u0440\u043e\u0442\u043e\u043a\u043e\u043b\u0430 IP "
                L"\u0434\u043b\u044f Windows\r\n\r\n"
                L"\u041f\u0440\u0438 \u043e\u0431\u043d\u043e\u0432\u043b\u0435\u043d\u0438\u0438 \u0438\u043d\u0442\u0435\u0440\u0444\u0435\u0439\u0441\u0430 Ethernet "
                L"\u043f\u0440\u043e\u0438\u0437\u043e\u0448\u043b\u0430 \u043e\u0448\u0438\u0431\u043a\u0430: "
                L"\u041d\u0435 \u0443\u0434\u0430\u0435\u0442\u0441\u044f \u043d\u0430\u0439\u0442\u0438 \u0443\u043a\u0430\u0437\u0430\u043d\u043d\u044b\u0439 \u0444\u0430\u0439\u043b.\r\n");
    return 1;
  }
  say("\r\nWindows IP Configuration\r\n\r\n");
  if (scenario("ipconfig-hang")) Sleep(60000);
  if (scenario("slow6")) Sleep(500);
  if (scenario("ipconfig-fail")) {
    char *name = utf8(pattern ? pattern : L"*");
    say(release ? "An error occurred while releasing interface " : "An error occurred while renewing interface ");
    say(name ? name : "");
    say(" : The system cannot find the file specified.\r\n");
    free(name);
    return 1;
  }

  if (GetEnvironmentVariableW(L"LEASECTL_IPHLPAPI", library, MAX_PATH) - 1 >= MAX_PATH - 1 ||
      (module = LoadLibraryW(library)) == NULL ||
      (set_released6 = (set_released6_t)(void (*)(void))GetProcAddress(module, "LeasectlDoubleSetReleased6")) == NULL) {
    fprintf(stderr, "ipconfig double: LEASECTL_IPHLPAPI must name the Iphlpapi double\n");
    return 2;
  }
  matched = set_released6(pattern, release);
  if (matched == 0) {
    say("The operation failed as no adapter is in the state permissible for this operation.\r\n");
    return 1;
  }
  return 0;
}
