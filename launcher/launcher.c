/*
 * leasectl.exe's launcher: the file users run. It carries the Node
 * single-executable (the runtime, with leasectl inside) and koffi's native
 * module as a payload in a read-only section of its own image, puts them in a
 * folder that nobody less privileged than the caller can write, checks them
 * there through handles that nobody can change, and runs the runtime with the
 * same arguments, standard handles and console, returning its exit status.
 * One process start more than the runtime alone, no other cost but a read of
 * the unpacked files (docs/trust.md; README.md, "Safe to run elevated").
 *
 * Why: the runtime (node.exe) imports IPHLPAPI, USERENV, WINMM, CRYPT32 and
 * dbghelp by name, and Windows looks for a DLL that is not a KnownDLL in the
 * application's folder first, before any line of leasectl runs. Run from
 * Downloads, elevated, that folder is the attacker's. This file runs from
 * there, so it imports only KERNEL32 and ADVAPI32, both KnownDLLs on every
 * Windows (HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\KnownDLLs),
 * whose own dependencies Windows takes from its KnownDLLs and system folder;
 * it is linked without a C runtime, so nothing else is imported.
 *
 * What holds, on Windows 8.1 and later (the runtime's own floor):
 * - Elevated (TokenElevation), the files live in <Windows>\leasectl, a folder
 *   created with an explicit, protected DACL (SYSTEM and Administrators, full
 *   control; no one else) and owner Administrators. Only an administrator can
 *   create a folder under the Windows folder, so nobody else can have made it
 *   first. On every use the folder is opened without delete sharing (it cannot
 *   be renamed or replaced while leasectl runs), refused if it is a reparse
 *   point, and refused unless its owner is SYSTEM, Administrators or
 *   TrustedInstaller and no entry of its DACL lets anyone else write, delete,
 *   change permissions or take ownership. Never trusted by its name.
 * - Unelevated, the files live in %LOCALAPPDATA%\leasectl: the user's own,
 *   which crosses no boundary. An elevated run never looks there, so what an
 *   unelevated run unpacked is never trusted by an elevated one.
 * - Each file is opened without write or delete sharing, compared byte for
 *   byte with the payload through that same handle, and held open until the
 *   runtime exits: nobody can write, rename or delete it between the check
 *   and the load (a file that differs is written again, through a temporary
 *   file and a rename). The runtime loads koffi's module from beside itself
 *   (ffi/koffi_loader_sea.ts), inside the checked folder, while the handle is
 *   held. A handle or writable mapping opened before ours would make our open
 *   fail, or, in the elevated folder, cannot exist: its DACL lets no one else
 *   open the file for writing.
 * - The runtime gets an environment of the launcher's making, not the
 *   caller's: SystemRoot, windir and SystemDrive from GetSystemWindowsDirectoryW,
 *   and NO_COLOR when the caller set it. No NODE_* variable (NODE_OPTIONS,
 *   NODE_V8_COVERAGE, NODE_REDIRECT_WARNINGS, NODE_EXTRA_CA_CERTS, ...), no
 *   LEASECTL_* override, no PATH reaches it. Test doubles come in only through
 *   HKLM\SOFTWARE\leasectl\TestDoubles (read by absolute path, 64-bit view),
 *   which only administrators can write: each REG_SZ value there whose name
 *   starts with LEASECTL_ becomes that variable, and while the key exists the
 *   caller's LEASECTL_DOUBLE_* variables (the doubles' own scenario and log)
 *   pass too.
 * - Arguments: the runtime gets the launcher's own command line with only the
 *   program name replaced, skipped by the rule the C runtime (and
 *   CommandLineToArgvW) uses for argv[0]: so it parses exactly the arguments
 *   the caller gave, whatever their quoting. Standard handles are passed as
 *   they are; Ctrl-C and Ctrl-Break reach both processes through the console,
 *   and the launcher ignores them and waits, so the runtime alone decides
 *   (a cycle's first Ctrl-C is announced, a second one exits 130).
 *
 * What Wine 8.0 cannot show: it enforces no DACLs and reports owners and DACLs
 * made up from Unix permissions (the owner is the user itself), so under Wine
 * only, recognised by ntdll's wine_get_version, the check also accepts the
 * process's own user as owner and writer; it still refuses a folder others
 * may write. Nor does Wine show that KnownDLLs are never taken from the
 * application's folder.
 *
 * Built by exe-build.ts with mingw-w64, reproducibly: no C runtime, no
 * timestamp, no build id, no paths.
 */
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

/* The payload, placed in a read-only section by the assembler. */
#define STR2(x) #x
#define STR(x) STR2(x)
__asm__(".section .lctlrt,\"dr\"\n"
        ".balign 16\n"
        ".globl runtime_start\nruntime_start:\n.incbin \"" STR(RUNTIME_FILE) "\"\n.globl runtime_end\nruntime_end:\n"
        ".balign 16\n"
        ".globl koffi_start\nkoffi_start:\n.incbin \"" STR(KOFFI_FILE) "\"\n.globl koffi_end\nkoffi_end:\n"
        ".text\n");
extern const unsigned char runtime_start[], runtime_end[], koffi_start[], koffi_end[];

/* Names the files of this build: exe-build.ts passes a digest of the payload. */
#ifndef PAYLOAD_ID
#error "PAYLOAD_ID must be given"
#endif
#define WIDE2(x) L##x
#define WIDE(x) WIDE2(x)

#define PATH_CHARS 1024
#define EXIT_ENVIRONMENT 3

/* The compiler may emit calls to these even without a C runtime. */
void *memset(void *d, int c, SIZE_T n) {
  unsigned char *p = d;
  while (n--) *p++ = (unsigned char)c;
  return d;
}
void *memcpy(void *d, const void *s, SIZE_T n) {
  unsigned char *p = d;
  const unsigned char *q = s;
  while (n--) *p++ = *q++;
  return d;
}

static SIZE_T wlen(const WCHAR *s) {
  SIZE_T n = 0;
  while (s[n]) n++;
  return n;
}

/* Appends `s` to the string in `buffer` (of `size` characters); FALSE when it does not fit. */
static BOOL append(WCHAR *buffer, SIZE_T size, const WCHAR *s) {
  SIZE_T at = wlen(buffer), n = wlen(s);
  if (at + n + 1 > size) return FALSE;
  memcpy(buffer + at, s, (n + 1) * sizeof(WCHAR));
  return TRUE;
}

static void write_stderr(const WCHAR *text) {
  HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
  DWORD written, mode;
  if (err == NULL || err == INVALID_HANDLE_VALUE) return;
  if (GetConsoleMode(err, &mode)) {
    WriteConsoleW(err, text, (DWORD)wlen(text), &written, NULL);
    return;
  }
  static char bytes[4096];
  int n = WideCharToMultiByte(CP_UTF8, 0, text, (int)wlen(text), bytes, sizeof bytes, NULL, NULL);
  if (n > 0) WriteFile(err, bytes, (DWORD)n, &written, NULL);
}

/* Says what went wrong in one sentence (with the system's code), and exits 3. */
static void __attribute__((noreturn)) fail(const WCHAR *what, const WCHAR *path, DWORD code) {
  static WCHAR message[1600];
  message[0] = 0;
  append(message, 1600, L"leasectl: ");
  append(message, 1600, what);
  if (path) {
    append(message, 1600, L" ");
    append(message, 1600, path);
  }
  if (code) {
    WCHAR digits[16];
    int i = 15;
    digits[i] = 0;
    do digits[--i] = L'0' + code % 10; while ((code /= 10) && i > 0);
    append(message, 1600, L" (Windows error ");
    append(message, 1600, digits + i);
    append(message, 1600, L")");
  }
  append(message, 1600, L".\n");
  write_stderr(message);
  ExitProcess(EXIT_ENVIRONMENT);
}

static BOOL under_wine(void) {
  HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  return ntdll && GetProcAddress(ntdll, "wine_get_version") != NULL;
}

static BOOL elevated(void) {
  HANDLE token;
  TOKEN_ELEVATION elevation = {0};
  DWORD size;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) fail(L"cannot read its own token", NULL, GetLastError());
  BOOL ok = GetTokenInformation(token, TokenElevation, &elevation, sizeof elevation, &size);
  DWORD error = GetLastError();
  CloseHandle(token);
  if (!ok) fail(L"cannot tell whether it runs elevated", NULL, error);
  return elevation.TokenIsElevated != 0;
}

/* The process's own user, for Wine's made-up owners only. */
static PSID own_user(void) {
  static BYTE buffer[256];
  HANDLE token;
  DWORD size;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) return NULL;
  BOOL ok = GetTokenInformation(token, TokenUser, buffer, sizeof buffer, &size);
  CloseHandle(token);
  return ok ? ((TOKEN_USER *)buffer)->User.Sid : NULL;
}

/* SYSTEM, Administrators, TrustedInstaller; and, under Wine only, the process's own user. */
static BOOL trusted_sid(PSID sid) {
  static const WCHAR *trusted[] = {L"S-1-5-18", L"S-1-5-32-544",
                                   L"S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"};
  for (int i = 0; i < 3; i++) {
    PSID known;
    if (!ConvertStringSidToSidW(trusted[i], &known)) continue;
    BOOL same = EqualSid(sid, known);
    LocalFree(known);
    if (same) return TRUE;
  }
  if (under_wine()) {
    PSID user = own_user();
    return user && EqualSid(sid, user);
  }
  return FALSE;
}

/* Rights that let their holder change what the folder holds or who may. */
#define CHANGING_RIGHTS                                                                                   \
  (FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY | FILE_WRITE_EA | FILE_DELETE_CHILD | FILE_WRITE_ATTRIBUTES |    \
   DELETE | WRITE_DAC | WRITE_OWNER | GENERIC_WRITE | GENERIC_ALL | MAXIMUM_ALLOWED | ACCESS_SYSTEM_SECURITY)

/* Refuses the held folder unless only SYSTEM, Administrators or TrustedInstaller own and may change it. */
static void check_admin_only(HANDLE folder, const WCHAR *path) {
  PSID owner;
  PACL dacl;
  PSECURITY_DESCRIPTOR descriptor;
  DWORD error = GetSecurityInfo(folder, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                                &owner, NULL, &dacl, NULL, &descriptor);
  if (error) fail(L"cannot read the owner and permissions of", path, error);
  const WCHAR *wrong = NULL;
  if (!owner || !trusted_sid(owner)) wrong = L"refuses to run from a folder owned by someone other than SYSTEM or Administrators:";
  else if (!dacl) wrong = L"refuses to run from a folder anyone may write (it has no DACL):";
  else {
    for (DWORD i = 0; i < dacl->AceCount && !wrong; i++) {
      ACE_HEADER *ace;
      if (!GetAce(dacl, i, (void **)&ace)) wrong = L"cannot read the permissions of";
      else if (ace->AceType == ACCESS_ALLOWED_ACE_TYPE) {
        ACCESS_ALLOWED_ACE *allowed = (ACCESS_ALLOWED_ACE *)ace;
        if ((allowed->Mask & CHANGING_RIGHTS) && !trusted_sid(&allowed->SidStart))
          wrong = L"refuses to run from a folder that others than SYSTEM and Administrators may write:";
      } else if (ace->AceType != ACCESS_DENIED_ACE_TYPE) {
        wrong = L"refuses to run from a folder whose permissions it cannot judge:";
      }
    }
  }
  LocalFree(descriptor);
  if (wrong) fail(wrong, path, 0);
}

/* Creates (if missing) and opens `path` as a folder, held so that it cannot be renamed or deleted. */
static HANDLE hold_folder(const WCHAR *path, BOOL admin_only) {
  PSECURITY_DESCRIPTOR descriptor = NULL;
  SECURITY_ATTRIBUTES attributes = {sizeof attributes, NULL, FALSE};
  if (admin_only) {
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(L"O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)",
                                                              SDDL_REVISION_1, &descriptor, NULL))
      fail(L"cannot make the permissions for", path, GetLastError());
    attributes.lpSecurityDescriptor = descriptor;
  }
  if (!CreateDirectoryW(path, &attributes) && GetLastError() != ERROR_ALREADY_EXISTS)
    fail(L"cannot create the folder", path, GetLastError());
  if (descriptor) LocalFree(descriptor);
  HANDLE folder = CreateFileW(path, READ_CONTROL | FILE_READ_ATTRIBUTES | FILE_LIST_DIRECTORY,
                              FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                              FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
  if (folder == INVALID_HANDLE_VALUE) fail(L"cannot open the folder", path, GetLastError());
  BY_HANDLE_FILE_INFORMATION info;
  if (!GetFileInformationByHandle(folder, &info)) fail(L"cannot read the folder", path, GetLastError());
  if (!(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
    fail(L"refuses to run from a path that is a link or not a folder:", path, 0);
  if (admin_only) check_admin_only(folder, path);
  return folder;
}

/* Whether the file behind `file` holds exactly `size` bytes equal to `bytes`, read through that handle. */
static BOOL holds(HANDLE file, const unsigned char *bytes, SIZE_T size) {
  static unsigned char chunk[1 << 20];
  LARGE_INTEGER length;
  if (!GetFileSizeEx(file, &length) || (ULONGLONG)length.QuadPart != size) return FALSE;
  SIZE_T at = 0;
  while (at < size) {
    DWORD want = size - at < sizeof chunk ? (DWORD)(size - at) : sizeof chunk, got;
    if (!ReadFile(file, chunk, want, &got, NULL) || got != want) return FALSE;
    const unsigned long long *a = (const unsigned long long *)chunk, *b = (const unsigned long long *)(bytes + at);
    DWORD words = got / 8, i;
    for (i = 0; i < words; i++)
      if (a[i] != b[i]) return FALSE;
    for (i = words * 8; i < got; i++)
      if (chunk[i] != bytes[at + i]) return FALSE;
    at += got;
  }
  return TRUE;
}

/* Opens `path` for reading with neither write nor delete sharing; not through a link. */
static HANDLE open_held(const WCHAR *path) {
  HANDLE file = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                            FILE_FLAG_OPEN_REPARSE_POINT | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
  if (file == INVALID_HANDLE_VALUE) return file;
  BY_HANDLE_FILE_INFORMATION info;
  if (!GetFileInformationByHandle(file, &info) || (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) ||
      info.nNumberOfLinks != 1) {
    CloseHandle(file);
    return INVALID_HANDLE_VALUE;
  }
  return file;
}

/* Writes `bytes` whole to `path`: into a new temporary file beside it, then renamed over it. */
static void write_whole(const WCHAR *path, const unsigned char *bytes, SIZE_T size) {
  WCHAR temporary[PATH_CHARS] = L"";
  WCHAR pid[24];
  DWORD id = GetCurrentProcessId();
  int i = 23;
  pid[i] = 0;
  do pid[--i] = L'0' + id % 10; while ((id /= 10) && i > 0);
  if (!append(temporary, PATH_CHARS, path) || !append(temporary, PATH_CHARS, L".") ||
      !append(temporary, PATH_CHARS, pid + i) || !append(temporary, PATH_CHARS, L".tmp"))
    fail(L"has too long a path for", path, 0);
  HANDLE file = CreateFileW(temporary, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
  if (file == INVALID_HANDLE_VALUE) fail(L"cannot write", temporary, GetLastError());
  SIZE_T at = 0;
  while (at < size) {
    DWORD want = size - at < (1u << 24) ? (DWORD)(size - at) : (1u << 24), got;
    if (!WriteFile(file, bytes + at, want, &got, NULL) || got != want) {
      DWORD error = GetLastError();
      CloseHandle(file);
      DeleteFileW(temporary);
      fail(L"cannot write", temporary, error);
    }
    at += got;
  }
  CloseHandle(file);
  if (!MoveFileExW(temporary, path, MOVEFILE_REPLACE_EXISTING)) {
    DWORD error = GetLastError();
    DeleteFileW(temporary);
    /* Another leasectl may have put the same bytes there first and be holding them. */
    if (error != ERROR_ACCESS_DENIED && error != ERROR_SHARING_VIOLATION) fail(L"cannot write", path, error);
  }
}

/* The file at `path` holding exactly the payload part, opened and held; written first where it does not. */
static HANDLE checked_file(const WCHAR *path, const unsigned char *bytes, SIZE_T size) {
  for (int attempt = 0; attempt < 3; attempt++) {
    HANDLE file = open_held(path);
    if (file != INVALID_HANDLE_VALUE) {
      if (holds(file, bytes, size)) return file;
      CloseHandle(file);
    }
    write_whole(path, bytes, size);
  }
  fail(L"cannot put in place, unchanged,", path, GetLastError());
}

/* The folder the files live in: <Windows>\leasectl elevated, %LOCALAPPDATA%\leasectl otherwise. */
static void runtime_folder(WCHAR *folder, BOOL admin) {
  folder[0] = 0;
  if (admin) {
    if (!GetSystemWindowsDirectoryW(folder, PATH_CHARS - 16)) fail(L"cannot find the Windows folder", NULL, GetLastError());
  } else {
    DWORD n = GetEnvironmentVariableW(L"LOCALAPPDATA", folder, PATH_CHARS - 16);
    if (n == 0 || n >= PATH_CHARS - 16)
      fail(L"needs LOCALAPPDATA, the user's AppData\\Local folder, which is not set", NULL, 0);
    BOOL drive = ((folder[0] | 32) >= L'a' && (folder[0] | 32) <= L'z') && folder[1] == L':' && folder[2] == L'\\';
    BOOL unc = folder[0] == L'\\' && folder[1] == L'\\';
    if (!drive && !unc) fail(L"needs LOCALAPPDATA to be the absolute path of the user's AppData\\Local folder; it is", folder, 0);
  }
  if (folder[wlen(folder) - 1] != L'\\') append(folder, PATH_CHARS, L"\\");
  append(folder, PATH_CHARS, L"leasectl");
}

/* Appends NAME=VALUE and its NUL to the environment block being built; FALSE when full. */
static BOOL add_variable(WCHAR *block, SIZE_T size, SIZE_T *at, const WCHAR *name, const WCHAR *value) {
  SIZE_T n = wlen(name), v = wlen(value);
  if (*at + n + v + 3 > size) return FALSE;
  memcpy(block + *at, name, n * sizeof(WCHAR));
  block[*at + n] = L'=';
  memcpy(block + *at + n + 1, value, v * sizeof(WCHAR));
  *at += n + v + 2;
  block[*at - 1] = 0;
  block[*at] = 0;
  return TRUE;
}

static BOOL starts_with(const WCHAR *s, const WCHAR *prefix) {
  while (*prefix)
    if (*s++ != *prefix++) return FALSE;
  return TRUE;
}

#define ENV_CHARS 32768
/* The runtime's whole environment: see the comment at the top. Sorted by name, as Windows keeps it. */
static WCHAR *child_environment(void) {
  static WCHAR block[ENV_CHARS];
  SIZE_T at = 0;
  static WCHAR windows[MAX_PATH], value[1024];
  WCHAR drive[3];
  block[0] = block[1] = 0;
  if (!GetSystemWindowsDirectoryW(windows, MAX_PATH)) fail(L"cannot find the Windows folder", NULL, GetLastError());
  HKEY doubles;
  BOOL testing = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\leasectl\\TestDoubles", 0,
                               KEY_QUERY_VALUE | KEY_WOW64_64KEY, &doubles) == ERROR_SUCCESS;
  /* The doubles' names first, then the caller's LEASECTL_DOUBLE_* (the double's scenario and log). */
  if (testing) {
    for (DWORD i = 0;; i++) {
      WCHAR name[256];
      DWORD name_size = 256, type, value_size = sizeof value - sizeof(WCHAR);
      LONG status = RegEnumValueW(doubles, i, name, &name_size, NULL, &type, (BYTE *)value, &value_size);
      if (status == ERROR_NO_MORE_ITEMS) break;
      if (status != ERROR_SUCCESS || type != REG_SZ || !starts_with(name, L"LEASECTL_") ||
          starts_with(name, L"LEASECTL_DOUBLE_"))
        continue;
      value[value_size / sizeof(WCHAR)] = 0;
      if (!add_variable(block, ENV_CHARS, &at, name, value)) fail(L"has too many test doubles", NULL, 0);
    }
    RegCloseKey(doubles);
    WCHAR *caller = GetEnvironmentStringsW();
    for (WCHAR *entry = caller; entry && *entry; entry += wlen(entry) + 1) {
      if (!starts_with(entry, L"LEASECTL_DOUBLE_")) continue;
      SIZE_T n = wlen(entry);
      if (at + n + 2 > ENV_CHARS) fail(L"has too large an environment for its test doubles", NULL, 0);
      memcpy(block + at, entry, (n + 1) * sizeof(WCHAR));
      at += n + 1;
      block[at] = 0;
    }
    if (caller) FreeEnvironmentStringsW(caller);
  }
  DWORD n = GetEnvironmentVariableW(L"NO_COLOR", value, 1024);
  if (n > 0 && n < 1024) add_variable(block, ENV_CHARS, &at, L"NO_COLOR", value);
  drive[0] = windows[0];
  drive[1] = windows[1];
  drive[2] = 0;
  add_variable(block, ENV_CHARS, &at, L"SystemDrive", drive);
  add_variable(block, ENV_CHARS, &at, L"SystemRoot", windows);
  add_variable(block, ENV_CHARS, &at, L"windir", windows);
  return block;
}

/* The caller's arguments, as written: the command line past argv[0], skipped as the C runtime does. */
static const WCHAR *arguments(void) {
  const WCHAR *line = GetCommandLineW();
  if (*line == L'"') {
    line++;
    while (*line && *line != L'"') line++;
    if (*line) line++;
  } else {
    while (*line && *line != L' ' && *line != L'\t') line++;
  }
  while (*line == L' ' || *line == L'\t') line++;
  return line;
}

/* The runtime decides what a Ctrl-C means; the launcher waits for it. */
static BOOL WINAPI ignore_control(DWORD event) {
  (void)event;
  return TRUE;
}

static void inheritable(DWORD which) {
  HANDLE handle = GetStdHandle(which);
  if (handle && handle != INVALID_HANDLE_VALUE) SetHandleInformation(handle, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
}

void __attribute__((noreturn)) launcher_start(void) {
  static WCHAR folder[PATH_CHARS], runtime[PATH_CHARS], koffi[PATH_CHARS], command[32768];
  BOOL admin = elevated();
  runtime_folder(folder, admin);
  HANDLE held_folder = hold_folder(folder, admin);
  runtime[0] = koffi[0] = 0;
  if (!append(runtime, PATH_CHARS, folder) || !append(runtime, PATH_CHARS, L"\\leasectl-" WIDE(PAYLOAD_ID) L".exe") ||
      !append(koffi, PATH_CHARS, folder) || !append(koffi, PATH_CHARS, L"\\leasectl-" WIDE(PAYLOAD_ID) L".node"))
    fail(L"has too long a path for its folder", folder, 0);
  HANDLE held_runtime = checked_file(runtime, runtime_start, (SIZE_T)(runtime_end - runtime_start));
  HANDLE held_koffi = checked_file(koffi, koffi_start, (SIZE_T)(koffi_end - koffi_start));

  command[0] = 0;
  if (!append(command, 32768, L"\"") || !append(command, 32768, runtime) || !append(command, 32768, L"\" ") ||
      !append(command, 32768, arguments()))
    fail(L"was given too long a command line", NULL, 0);

  SetConsoleCtrlHandler(ignore_control, TRUE);
  inheritable(STD_INPUT_HANDLE);
  inheritable(STD_OUTPUT_HANDLE);
  inheritable(STD_ERROR_HANDLE);
  STARTUPINFOW startup = {sizeof startup};
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  startup.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
  startup.hStdError = GetStdHandle(STD_ERROR_HANDLE);
  PROCESS_INFORMATION child;
  if (!CreateProcessW(runtime, command, NULL, NULL, TRUE, CREATE_UNICODE_ENVIRONMENT, child_environment(), NULL,
                      &startup, &child))
    fail(L"cannot start its runtime", runtime, GetLastError());
  CloseHandle(child.hThread);
  WaitForSingleObject(child.hProcess, INFINITE);
  DWORD status = EXIT_ENVIRONMENT;
  GetExitCodeProcess(child.hProcess, &status);
  CloseHandle(held_koffi);
  CloseHandle(held_runtime);
  CloseHandle(held_folder);
  ExitProcess(status);
}
