/*
 * A test double for Iphlpapi.dll, loaded by leasectl through LEASECTL_IPHLPAPI.
 *
 * It is compiled from the SDK headers, so a layout leasectl gets wrong shows up
 * as wrong data. Its answers are laid out inside the caller's buffer, linked
 * lists and strings included, as Windows does.
 *
 * LEASECTL_DOUBLE_SCENARIO, a comma-separated list (read on every call):
 *   standard  (default) the adapters of harness/adapters.json: Ethernet (DHCP, up), Wi-Fi (DHCP,
 *             disconnected), Static LAN, IPv6 Only, Ethernet 2 (DHCP, up), loopback
 *   unicode   non-ASCII friendly names (one with a surrogate pair) and a literal '*',
 *             each with a DHCPv6 address 2001:db8:<index>::<index>
 *   many      64 DHCP adapters, all up
 *   many6     16 DHCP adapters with DHCPv6 addresses 2001:db8:ff::<n>
 *   ipv6      an adapter set for DHCPv6 and `ipconfig /all` parity (see ipv6_adapters)
 *   none      no adapters: every call answers ERROR_NO_DATA
 *   zero      GetInterfaceInfo answers NO_ERROR with NumAdapters 0
 *   zero-length  GetAdaptersAddresses answers one all-zero record
 *   grow      40 more adapters appear on each of the first two GetAdaptersAddresses calls
 *   denied    IpReleaseAddress / IpRenewAddress answer ERROR_ACCESS_DENIED
 *   partial   renewing or releasing "Ethernet 2" fails with ERROR_SEM_TIMEOUT
 *   slow      every IpRenewAddress takes 500 ms
 *   hang      IpRenewAddress on interface 11 ("Ethernet") takes 60 s
 *   hang-release  IpReleaseAddress on interface 11 ("Ethernet") takes 60 s
 *   shared-index  "Ethernet 3" shares interface index 11 with "Ethernet"
 *   unlisted  "Ethernet 2" is missing from GetInterfaceInfo
 *   bare-guid GetInterfaceInfo names adapters "{GUID}", without "\DEVICE\TCPIP_"
 *   hostile   "Ethernet" has control characters in its name and description
 *   odd-family  sockaddrs of unknown families among the DNS servers, gateways, DHCP server
 *   broken-info GetAdaptersInfo's first record points outside the buffer
 *   stale-lease lease data on adapters that have no lease
 *   late-gateway  the gateway comes back 1000 ms after a renew
 *   apipa-then-lease  an autoconfiguration address for 1500 ms after a renew
 *   apipa     an autoconfiguration address after a renew, for good
 *   flush-fails  DnsFlushResolverCache answers FALSE
 * LEASECTL_DOUBLE_CODE   a decimal Win32 code that every IpReleaseAddress / IpRenewAddress returns
 * LEASECTL_DOUBLE_STATE  a text file shared between processes, one "<verb> <index> [<value>] [{GUID}]"
 *                        a line: released, released6, down, renewed <ms since 1970>. A {GUID}
 *                        limits a line to that adapter (written only where two adapters share an index).
 * LEASECTL_DOUBLE_ANSWERED  a file that gets "<function>\t<process id>" once per process, at its first
 *                        call: proof for a test that the double, not wine's own DLL, answered
 * LEASECTL_DOUBLE_LOG    a file that gets one line per release/renew/flush call:
 *                        "<function>\t<Index>\t<Name>\t<in flight>\t<ms since 1970>\n", the name in
 *                        UTF-8, and how many calls were running as it began, itself included
 *
 * The DLL has no DllMain, and leasectl_double_now_ms / leasectl_double_log are
 * left external, so that other source files can be linked into the same DLL.
 *
 * The double's files, each of one job, share what this header declares; double.h is what all the
 * doubles share.
 */
#ifndef LEASECTL_IPHLPAPI_DOUBLE_H
#define LEASECTL_IPHLPAPI_DOUBLE_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <string.h>
#include <wchar.h>
#include "double.h"

#define MANY_ADAPTERS 64
#define MANY6_ADAPTERS 16
#define GROW_STEP 40
#define MAX_ADAPTERS (10 + MANY_ADAPTERS + 2 * GROW_STEP)
#define MAX_UNICAST 4
#define MAX_LIST 3
#define INFINITE_LIFETIME 0xFFFFFFFFUL
#ifndef IF_TYPE_WWANPP
#define IF_TYPE_WWANPP 243 /* ipifcons.h of newer SDKs */
#endif

typedef struct {
  const char *address; /* NULL ends the list */
  UINT8 prefix;
  NL_PREFIX_ORIGIN prefix_origin;
  NL_SUFFIX_ORIGIN suffix_origin;
  NL_DAD_STATE dad;
  ULONG valid, preferred, lease;
} unicast_t;

typedef struct {
  ULONG index;
  const char *guid; /* NULL: {1EA5EC71-0000-4000-8000-<index>}, as the standard adapters have it */
  const wchar_t *friendly_name;
  const wchar_t *description;
  BYTE mac[6];
  ULONG mac_length;
  BOOL dhcp;
  IF_OPER_STATUS oper_status;
  ULONG if_type;
  BOOL ipv4_bound;   /* present in GetInterfaceInfo / GetAdaptersInfo, flag 0x80 */
  BOOL ipv6_enabled; /* flag 0x100; also set for any adapter with an IPv6 address */
  BOOL unlisted;     /* left out of GetInterfaceInfo all the same */
  ULONG extra_flags;
  unicast_t unicast[MAX_UNICAST];
  /* Addresses as text; "#<family>" is a 16-byte sockaddr of that family and nothing else. */
  const char *gateways[MAX_LIST];
  const char *dns[MAX_LIST];
  const char *dhcp_server;      /* Dhcpv4Server in GetAdaptersAddresses */
  const char *info_dhcp_server; /* DhcpServer in GetAdaptersInfo; NULL: as dhcp_server */
  const char *dhcpv6_server;
  BYTE duid[MAX_DHCPV6_DUID_LENGTH];
  ULONG duid_length;
  ULONG iaid;
  const wchar_t *dns_suffix;
  const wchar_t *suffixes[MAX_LIST];
  __time64_t lease_obtained, lease_expires;
} adapter_t;

#define LEASE_OBTAINED 1795161600 /* 2026-11-20T08:00:00Z */
#define LEASE_EXPIRES 1795248000  /* 2026-11-21T08:00:00Z */

#define DHCP4(a) {a, 24, IpPrefixOriginDhcp, IpSuffixOriginDhcp, IpDadStatePreferred, 86400, 86400, 86400}
#define STATIC(a, p, dad)                                                                             \
  {a, p, IpPrefixOriginManual, IpSuffixOriginManual, dad, INFINITE_LIFETIME, INFINITE_LIFETIME, \
   INFINITE_LIFETIME}
#define LINK_LOCAL(a)                                                                                      \
  {a, 64, IpPrefixOriginWellKnown, IpSuffixOriginLinkLayerAddress, IpDadStatePreferred, INFINITE_LIFETIME, \
   INFINITE_LIFETIME, INFINITE_LIFETIME}
#define DHCP6(a) {a, 128, IpPrefixOriginDhcp, IpSuffixOriginDhcp, IpDadStatePreferred, 7200, 3600, 7200}
#define DUID(last) {0x00, 0x01, 0x00, 0x01, 0x2A, 0xBC, 0xDE, 0xF0, 0x02, 0x00, 0x00, 0x00, 0x00, last}

/* ---- the state file: "<verb> <index> [<value>] [{GUID}]" lines, shared between processes ---- */

#define MAX_STATE 256

typedef struct {
  char verb[12];
  ULONG index;
  unsigned long long value;
  char guid[40];
} state_line_t;

typedef struct {
  int count;
  state_line_t lines[MAX_STATE];
} state_t;

/* call_log.c */
extern LONG in_flight; /* release, renew and flush calls running in this process */
unsigned long long leasectl_double_now_ms(void);
void leasectl_double_log(const char *function, unsigned long index, const char *name, long running);
HANDLE lock_files(void);
void unlock_files(HANDLE mutex);
void answered(const char *function);

/* adapters.c */
void guid_of(const adapter_t *a, char *out, size_t size);
BOOL is_ipv6(const char *address);
BOOL is_ipv4(const char *address);
int current_adapters(adapter_t *out, int growth);
adapter_t *new_adapters(void);

/* state.c */
void read_state(state_t *state);
const state_line_t *state_find(const state_t *state, const char *verb, const adapter_t *a);
void rewrite_state(const adapter_t *a, const char *drop, const char *add);
void state_line(char *out, size_t size, const char *verb, const adapter_t *a, const adapter_t *adapters,
                int count, const char *value);

/* view.c */
int view(adapter_t *out, int growth);

#endif
