/* DnsFlushResolverCache, dnsapi.dll's call, exported here too: logged, and FALSE under flush-fails. */
#include "iphlpapi_double.h"

/* ---- DnsFlushResolverCache (dnsapi.dll's, exported here too) ---- */

BOOL WINAPI DnsFlushResolverCache(void) {
  answered("DnsFlushResolverCache");
  LONG running = InterlockedIncrement(&in_flight);
  leasectl_double_log("DnsFlushResolverCache", 0, "", running);
  InterlockedDecrement(&in_flight);
  return scenario("flush-fails") ? FALSE : TRUE;
}
