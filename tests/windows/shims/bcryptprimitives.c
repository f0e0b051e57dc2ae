/*
 * wine 8.0 has no bcryptprimitives.dll, and deno.exe / node.exe import
 * ProcessPrng from it. This stand-in forwards to BCryptGenRandom, which wine has.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  return BCryptGenRandom(NULL, data, (ULONG)length, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
