/* The adapters as the state file and the clock make them now: released leases, DHCPv6 releases,
   interfaces down, and what a renew leaves for a while (late-gateway, apipa, apipa-then-lease). */
#include <stdlib.h>
#include "iphlpapi_double.h"

static const unicast_t apipa_address = {"169.254.23.45", 16, IpPrefixOriginWellKnown, IpSuffixOriginRandom,
                                        IpDadStatePreferred, INFINITE_LIFETIME, INFINITE_LIFETIME,
                                        INFINITE_LIFETIME};

static void drop_unicast(adapter_t *a, BOOL (*drop)(const unicast_t *)) {
  int kept = 0;
  for (int k = 0; k < MAX_UNICAST && a->unicast[k].address; k++)
    if (!drop(&a->unicast[k])) a->unicast[kept++] = a->unicast[k];
  for (int k = kept; k < MAX_UNICAST; k++) memset(&a->unicast[k], 0, sizeof a->unicast[k]);
}

static BOOL unicast_ipv4(const unicast_t *u) {
  return is_ipv4(u->address);
}

static BOOL unicast_dhcpv6(const unicast_t *u) {
  return is_ipv6(u->address) && u->prefix_origin == IpPrefixOriginDhcp;
}

static void drop_ipv4_gateways(adapter_t *a) {
  int kept = 0;
  for (int k = 0; k < MAX_LIST; k++)
    if (a->gateways[k] && !is_ipv4(a->gateways[k])) a->gateways[kept++] = a->gateways[k];
  for (int k = kept; k < MAX_LIST; k++) a->gateways[k] = NULL;
}

static void drop_ipv4_lease(adapter_t *a) {
  drop_ipv4_gateways(a);
  a->dhcp_server = a->info_dhcp_server = NULL;
  a->lease_obtained = a->lease_expires = 0;
}

/* The adapters as the state file and the clock make them now. */
int view(adapter_t *out, int growth) {
  int count = current_adapters(out, growth);
  unsigned long long now = leasectl_double_now_ms();
  state_t *state = malloc(sizeof *state);
  if (!state) return count;
  read_state(state);
  for (int n = 0; n < count; n++) {
    adapter_t *a = &out[n];
    const state_line_t *renewed = state_find(state, "renewed", a);
    if (state_find(state, "released", a)) {
      drop_unicast(a, unicast_ipv4);
      drop_ipv4_lease(a);
    } else if (renewed && a->dhcp) {
      unsigned long long since = now >= renewed->value ? now - renewed->value : 0;
      if (scenario("apipa") || (scenario("apipa-then-lease") && since < 1500)) {
        int at = MAX_UNICAST - 1;
        for (int k = 0; k < MAX_UNICAST; k++)
          if (!a->unicast[k].address || is_ipv4(a->unicast[k].address)) {
            at = k;
            break;
          }
        a->unicast[at] = apipa_address; /* in place of the first IPv4 address */
        for (int k = at + 1; k < MAX_UNICAST && a->unicast[k].address; k++)
          if (is_ipv4(a->unicast[k].address)) {
            memmove(&a->unicast[k], &a->unicast[k + 1], (MAX_UNICAST - k - 1) * sizeof a->unicast[k]);
            memset(&a->unicast[MAX_UNICAST - 1], 0, sizeof a->unicast[0]);
            k--;
          }
        drop_ipv4_lease(a);
      } else if (scenario("late-gateway") && since < 1000) {
        drop_ipv4_gateways(a);
      }
    }
    if (state_find(state, "released6", a)) {
      drop_unicast(a, unicast_dhcpv6);
      a->dhcpv6_server = NULL;
    }
    if (state_find(state, "down", a)) a->oper_status = IfOperStatusDown;
  }
  free(state);
  return count;
}
