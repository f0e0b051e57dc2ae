/*
 * Change notifications for the Iphlpapi test double: NotifyUnicastIpAddressChange,
 * NotifyIpInterfaceChange, NotifyRouteChange2 and CancelMibChangeNotify2, with
 * netioapi.h's signatures.
 *
 * A notifier thread of its own, started on the first registration, reads the
 * double's adapters through its own exported GetAdaptersAddresses and diffs them
 * with the previous reading (per adapter: unicast addresses with their DadState,
 * OperStatus, gateways). As on Windows, a default gateway that comes or goes is a
 * route change (a default route, 0.0.0.0/0 or ::/0, whose next hop is the gateway)
 * and nothing else: an interface notification is for OperStatus, or an adapter
 * that comes or goes. That keeps it independent of how the double keeps its
 * state, and sees changes other processes make through the shared state file.
 * It reads every 10 ms for 5 s after the state file changed (time-based
 * scenarios change a few seconds after a renew), and otherwise only checks the
 * state file's size and time every 10 ms, and reads once a second.
 *
 * Callbacks run on the notifier thread, as Windows runs them on a thread of its
 * own. CancelMibChangeNotify2 waits until a running callback of that handle has
 * returned, as on Windows; called from the callback's own thread, where Windows
 * would deadlock, it logs "CancelMibChangeNotify2\t0\tFROM_CALLBACK\t0\t<ms>" and
 * returns. Each notification fired is logged as
 * "notify\t<index>\t<address|interface|route>-<add|delete|parameter|initial>\t0\t<ms>",
 * ms since 1970, to LEASECTL_DOUBLE_LOG.
 *
 * With the scenario word "no-notify" in LEASECTL_DOUBLE_SCENARIO, every registration
 * fail with ERROR_NOT_SUPPORTED, as where a system offers no notifications.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <iphlpapi.h>
#include <netioapi.h>
#include <stdio.h>
#include <string.h>

#define MAX_REGISTRATIONS 64
#define MAX_WATCHED 256
#define MAX_WATCHED_ADDRESSES 8
#define MAX_WATCHED_GATEWAYS 4
#define TICK_MS 10
#define HOT_MS 5000
#define COLD_READ_MS 1000

typedef enum { KIND_ADDRESS, KIND_INTERFACE, KIND_ROUTE } kind_t;

static const char *const kind_names[] = {"address", "interface", "route"};
static const char *const register_names[] = {"NotifyUnicastIpAddressChange", "NotifyIpInterfaceChange",
                                             "NotifyRouteChange2"};

typedef struct {
  BOOL used, cancelled;
  kind_t kind;
  ADDRESS_FAMILY family;
  PVOID callback;
  PVOID context;
  BOOL initial_pending;
  LONG running; /* callbacks of this registration running now */
} registration_t;

typedef struct {
  SOCKADDR_INET address;
  IP_DAD_STATE dad_state;
  IP_PREFIX_ORIGIN prefix_origin;
  IP_SUFFIX_ORIGIN suffix_origin;
} watched_address_t;

typedef struct {
  ULONG index;
  NET_LUID luid;
  IF_OPER_STATUS oper_status;
  int address_count, gateway_count;
  watched_address_t addresses[MAX_WATCHED_ADDRESSES];
  SOCKADDR_INET gateways[MAX_WATCHED_GATEWAYS];
} watched_t;

typedef struct {
  int count;
  watched_t adapters[MAX_WATCHED];
} snapshot_t;

static registration_t registrations[MAX_REGISTRATIONS];
static CRITICAL_SECTION notify_lock;
static CONDITION_VARIABLE callback_done;
static INIT_ONCE notify_once = INIT_ONCE_STATIC_INIT;
static HANDLE notifier;
static DWORD notifier_id;

static BOOL CALLBACK initialize(PINIT_ONCE once, PVOID parameter, PVOID *context) {
  (void)once;
  (void)parameter;
  (void)context;
  InitializeCriticalSection(&notify_lock);
  InitializeConditionVariable(&callback_done);
  return TRUE;
}

static unsigned long long now_ms(void) {
  FILETIME ft;
  ULARGE_INTEGER t;
  GetSystemTimeAsFileTime(&ft);
  t.LowPart = ft.dwLowDateTime;
  t.HighPart = ft.dwHighDateTime;
  return (t.QuadPart - 116444736000000000ULL) / 10000ULL;
}

static void notify_log(const char *function, ULONG index, const char *what) {
  char path[MAX_PATH];
  DWORD length = GetEnvironmentVariableA("LEASECTL_DOUBLE_LOG", path, sizeof path);
  FILE *file;
  if (length == 0 || length >= sizeof path) return;
  if ((file = fopen(path, "a")) == NULL) return;
  fprintf(file, "%s\t%lu\t%s\t0\t%llu\n", function, (unsigned long)index, what, now_ms());
  fclose(file);
}

/* ---- reading the adapters through the double's own GetAdaptersAddresses ---- */

static void copy_sockaddr(SOCKADDR_INET *out, const SOCKET_ADDRESS *in) {
  memset(out, 0, sizeof *out);
  if (!in->lpSockaddr) return;
  if (in->lpSockaddr->sa_family == AF_INET6) memcpy(&out->Ipv6, in->lpSockaddr, sizeof out->Ipv6);
  else memcpy(&out->Ipv4, in->lpSockaddr, sizeof out->Ipv4);
}

static BOOL same_sockaddr(const SOCKADDR_INET *a, const SOCKADDR_INET *b) {
  if (a->si_family != b->si_family) return FALSE;
  if (a->si_family == AF_INET6) return memcmp(&a->Ipv6.sin6_addr, &b->Ipv6.sin6_addr, 16) == 0;
  return a->Ipv4.sin_addr.s_addr == b->Ipv4.sin_addr.s_addr;
}

static BOOL read_snapshot(snapshot_t *out) {
  static BYTE buffer[256 * 1024];
  ULONG size = sizeof buffer;
  ULONG flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER |
                GAA_FLAG_INCLUDE_GATEWAYS;
  ULONG code = GetAdaptersAddresses(AF_UNSPEC, flags, NULL, (PIP_ADAPTER_ADDRESSES)buffer, &size);
  out->count = 0;
  if (code == ERROR_NO_DATA) return TRUE;
  if (code != NO_ERROR) return FALSE;
  for (PIP_ADAPTER_ADDRESSES a = (PIP_ADAPTER_ADDRESSES)buffer; a && out->count < MAX_WATCHED; a = a->Next) {
    watched_t *w = &out->adapters[out->count++];
    memset(w, 0, sizeof *w);
    w->index = a->IfIndex;
    w->luid = a->Luid;
    w->oper_status = a->OperStatus;
    for (PIP_ADAPTER_UNICAST_ADDRESS u = a->FirstUnicastAddress;
         u && w->address_count < MAX_WATCHED_ADDRESSES; u = u->Next) {
      watched_address_t *entry = &w->addresses[w->address_count++];
      copy_sockaddr(&entry->address, &u->Address);
      entry->dad_state = u->DadState;
      entry->prefix_origin = u->PrefixOrigin;
      entry->suffix_origin = u->SuffixOrigin;
    }
    for (PIP_ADAPTER_GATEWAY_ADDRESS g = a->FirstGatewayAddress;
         g && w->gateway_count < MAX_WATCHED_GATEWAYS; g = g->Next) {
      copy_sockaddr(&w->gateways[w->gateway_count++], &g->Address);
    }
  }
  return TRUE;
}

static const watched_t *find_adapter(const snapshot_t *s, ULONG index) {
  for (int n = 0; n < s->count; n++)
    if (s->adapters[n].index == index) return &s->adapters[n];
  return NULL;
}

static const watched_address_t *find_address(const watched_t *w, const SOCKADDR_INET *address) {
  for (int n = 0; w && n < w->address_count; n++)
    if (same_sockaddr(&w->addresses[n].address, address)) return &w->addresses[n];
  return NULL;
}

/* ---- firing callbacks ---- */

static const char *type_name(MIB_NOTIFICATION_TYPE type) {
  switch (type) {
  case MibAddInstance: return "add";
  case MibDeleteInstance: return "delete";
  case MibInitialNotification: return "initial";
  default: return "parameter";
  }
}

/* Calls a registration's callback with its kind's row type. */
static void call_back(kind_t kind, PVOID callback, PVOID context, void *row, MIB_NOTIFICATION_TYPE type) {
  if (kind == KIND_ADDRESS) ((PUNICAST_IPADDRESS_CHANGE_CALLBACK)callback)(context, row, type);
  else if (kind == KIND_INTERFACE) ((PIPINTERFACE_CHANGE_CALLBACK)callback)(context, row, type);
  else ((PIPFORWARD_CHANGE_CALLBACK)callback)(context, row, type);
}

/* Calls every live registration of `kind` whose family covers `family` with `row`. */
static void fire(kind_t kind, ADDRESS_FAMILY family, void *row, ULONG index, MIB_NOTIFICATION_TYPE type) {
  char what[32];
  snprintf(what, sizeof what, "%s-%s", kind_names[kind], type_name(type));
  notify_log("notify", index, what);
  for (int n = 0; n < MAX_REGISTRATIONS; n++) {
    registration_t *r = &registrations[n];
    PVOID callback, context;
    EnterCriticalSection(&notify_lock);
    if (!r->used || r->cancelled || r->kind != kind || (r->family != AF_UNSPEC && r->family != family)) {
      LeaveCriticalSection(&notify_lock);
      continue;
    }
    callback = r->callback;
    context = r->context;
    r->running++;
    LeaveCriticalSection(&notify_lock);
    call_back(kind, callback, context, row, type);
    EnterCriticalSection(&notify_lock);
    r->running--;
    LeaveCriticalSection(&notify_lock);
    WakeAllConditionVariable(&callback_done);
  }
}

static void fire_address(const watched_t *w, const watched_address_t *a, MIB_NOTIFICATION_TYPE type) {
  MIB_UNICASTIPADDRESS_ROW row;
  memset(&row, 0, sizeof row);
  row.Address = a->address;
  row.InterfaceLuid = w->luid;
  row.InterfaceIndex = w->index;
  /* The rest of the row is left as Windows often leaves it in a notification: incomplete. */
  fire(KIND_ADDRESS, a->address.si_family, &row, w->index, type);
}

static void fire_interface(const watched_t *w, MIB_NOTIFICATION_TYPE type) {
  MIB_IPINTERFACE_ROW row;
  ADDRESS_FAMILY family = AF_INET;
  BOOL ipv4 = FALSE;
  for (int n = 0; n < w->address_count; n++) ipv4 |= w->addresses[n].address.si_family == AF_INET;
  if (!ipv4 && w->address_count > 0) family = AF_INET6;
  memset(&row, 0, sizeof row);
  row.Family = family;
  row.InterfaceLuid = w->luid;
  row.InterfaceIndex = w->index;
  fire(KIND_INTERFACE, family, &row, w->index, type);
}

/* A default route (0.0.0.0/0 or ::/0) through `gateway` on `w`. */
static void fire_route(const watched_t *w, const SOCKADDR_INET *gateway, MIB_NOTIFICATION_TYPE type) {
  MIB_IPFORWARD_ROW2 row;
  memset(&row, 0, sizeof row);
  row.InterfaceLuid = w->luid;
  row.InterfaceIndex = w->index;
  row.DestinationPrefix.Prefix.si_family = gateway->si_family;
  row.DestinationPrefix.PrefixLength = 0;
  row.NextHop = *gateway;
  fire(KIND_ROUTE, gateway->si_family, &row, w->index, type);
}

static BOOL has_gateway(const watched_t *w, const SOCKADDR_INET *gateway) {
  for (int n = 0; w && n < w->gateway_count; n++)
    if (same_sockaddr(&w->gateways[n], gateway)) return TRUE;
  return FALSE;
}

/* The default routes that went from `old` (NULL: none) and came to `now` (NULL: none). */
static void diff_routes(const watched_t *old, const watched_t *now) {
  for (int n = 0; old && n < old->gateway_count; n++)
    if (!has_gateway(now, &old->gateways[n])) fire_route(old, &old->gateways[n], MibDeleteInstance);
  for (int n = 0; now && n < now->gateway_count; n++)
    if (!has_gateway(old, &now->gateways[n])) fire_route(now, &now->gateways[n], MibAddInstance);
}

static void fire_initial(void) {
  for (int n = 0; n < MAX_REGISTRATIONS; n++) {
    registration_t *r = &registrations[n];
    PVOID callback, context;
    kind_t kind;
    EnterCriticalSection(&notify_lock);
    if (!r->used || r->cancelled || !r->initial_pending) {
      LeaveCriticalSection(&notify_lock);
      continue;
    }
    r->initial_pending = FALSE;
    callback = r->callback;
    context = r->context;
    kind = r->kind;
    r->running++;
    LeaveCriticalSection(&notify_lock);
    {
      char what[32];
      snprintf(what, sizeof what, "%s-initial", kind_names[kind]);
      notify_log("notify", 0, what);
    }
    call_back(kind, callback, context, NULL, MibInitialNotification);
    EnterCriticalSection(&notify_lock);
    r->running--;
    LeaveCriticalSection(&notify_lock);
    WakeAllConditionVariable(&callback_done);
  }
}

static void diff(const snapshot_t *before, const snapshot_t *after) {
  for (int n = 0; n < before->count; n++) {
    const watched_t *old = &before->adapters[n], *now = find_adapter(after, old->index);
    for (int k = 0; k < old->address_count; k++)
      if (!find_address(now, &old->addresses[k].address)) fire_address(old, &old->addresses[k], MibDeleteInstance);
  }
  for (int n = 0; n < after->count; n++) {
    const watched_t *now = &after->adapters[n], *old = find_adapter(before, now->index);
    for (int k = 0; k < now->address_count; k++) {
      const watched_address_t *entry = &now->addresses[k], *was = find_address(old, &entry->address);
      if (!was) fire_address(now, entry, MibAddInstance);
      else if (was->dad_state != entry->dad_state || was->prefix_origin != entry->prefix_origin ||
               was->suffix_origin != entry->suffix_origin)
        fire_address(now, entry, MibParameterNotification);
    }
    if (!old) fire_interface(now, MibAddInstance);
    else if (old->oper_status != now->oper_status) fire_interface(now, MibParameterNotification);
    diff_routes(old, now);
  }
  for (int n = 0; n < before->count; n++)
    if (!find_adapter(after, before->adapters[n].index)) {
      diff_routes(&before->adapters[n], NULL);
      fire_interface(&before->adapters[n], MibDeleteInstance);
    }
}

/* The state file's size and last write, to notice another process changing it cheaply. */
static BOOL state_stamp(ULONGLONG *stamp) {
  char path[MAX_PATH];
  WIN32_FILE_ATTRIBUTE_DATA data;
  DWORD length = GetEnvironmentVariableA("LEASECTL_DOUBLE_STATE", path, sizeof path);
  if (length == 0 || length >= sizeof path || !GetFileAttributesExA(path, GetFileExInfoStandard, &data)) {
    *stamp = 0;
    return TRUE;
  }
  *stamp = ((ULONGLONG)data.ftLastWriteTime.dwHighDateTime << 32 | data.ftLastWriteTime.dwLowDateTime) ^
           ((ULONGLONG)data.nFileSizeLow << 7);
  return TRUE;
}

static DWORD WINAPI notifier_main(LPVOID parameter) {
  static snapshot_t snapshots[2];
  snapshot_t *before = &snapshots[0], *after = &snapshots[1], *swap;
  ULONGLONG stamp = 0, last_stamp = 0, hot_until = 0, next_read = 0;
  (void)parameter;
  read_snapshot(before);
  state_stamp(&last_stamp);
  for (;;) {
    ULONGLONG now = now_ms();
    fire_initial();
    state_stamp(&stamp);
    if (stamp != last_stamp) {
      last_stamp = stamp;
      hot_until = now + HOT_MS;
    }
    if (now < hot_until || now >= next_read) {
      next_read = now + COLD_READ_MS;
      if (read_snapshot(after)) {
        diff(before, after);
        swap = before;
        before = after;
        after = swap;
      }
    }
    Sleep(TICK_MS);
  }
  return 0;
}

/* ---- the exported functions ---- */

static BOOL notifications_refused(void) {
  char list[256];
  DWORD length = GetEnvironmentVariableA("LEASECTL_DOUBLE_SCENARIO", list, sizeof list);
  if (length == 0 || length >= sizeof list) return FALSE;
  for (char *word = strtok(list, ","); word; word = strtok(NULL, ","))
    if (strcmp(word, "no-notify") == 0) return TRUE;
  return FALSE;
}

static NETIO_STATUS subscribe(kind_t kind, ADDRESS_FAMILY family, PVOID callback, PVOID context,
                              BOOLEAN initial, HANDLE *handle) {
  NETIO_STATUS status = ERROR_NOT_ENOUGH_MEMORY;
  if (!callback || !handle) return ERROR_INVALID_PARAMETER;
  if (notifications_refused()) {
    notify_log(register_names[kind], 0, "refused");
    return ERROR_NOT_SUPPORTED;
  }
  if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6) return ERROR_INVALID_PARAMETER;
  InitOnceExecuteOnce(&notify_once, initialize, NULL, NULL);
  EnterCriticalSection(&notify_lock);
  for (int n = 0; n < MAX_REGISTRATIONS; n++) {
    registration_t *r = &registrations[n];
    if (r->used) continue;
    memset(r, 0, sizeof *r);
    r->used = TRUE;
    r->kind = kind;
    r->family = family;
    r->callback = callback;
    r->context = context;
    r->initial_pending = initial;
    *handle = (HANDLE)(ULONG_PTR)(0x4E00 + n);
    status = NO_ERROR;
    break;
  }
  if (status == NO_ERROR && !notifier) {
    notifier = CreateThread(NULL, 0, notifier_main, NULL, 0, &notifier_id);
    if (!notifier) status = GetLastError();
  }
  LeaveCriticalSection(&notify_lock);
  notify_log(register_names[kind], 0, status == NO_ERROR ? "registered" : "failed");
  return status;
}

NETIO_STATUS WINAPI NotifyUnicastIpAddressChange(ADDRESS_FAMILY family, PUNICAST_IPADDRESS_CHANGE_CALLBACK callback,
                                                 PVOID context, BOOLEAN initial, HANDLE *handle) {
  return subscribe(KIND_ADDRESS, family, (PVOID)callback, context, initial, handle);
}

NETIO_STATUS WINAPI NotifyIpInterfaceChange(ADDRESS_FAMILY family, PIPINTERFACE_CHANGE_CALLBACK callback,
                                            PVOID context, BOOLEAN initial, HANDLE *handle) {
  return subscribe(KIND_INTERFACE, family, (PVOID)callback, context, initial, handle);
}

NETIO_STATUS WINAPI NotifyRouteChange2(ADDRESS_FAMILY family, PIPFORWARD_CHANGE_CALLBACK callback, PVOID context,
                                       BOOLEAN initial, HANDLE *handle) {
  return subscribe(KIND_ROUTE, family, (PVOID)callback, context, initial, handle);
}

NETIO_STATUS WINAPI CancelMibChangeNotify2(HANDLE handle) {
  ULONG_PTR n = (ULONG_PTR)handle - 0x4E00;
  registration_t *r;
  InitOnceExecuteOnce(&notify_once, initialize, NULL, NULL);
  if (n >= MAX_REGISTRATIONS) return ERROR_INVALID_HANDLE;
  r = &registrations[n];
  EnterCriticalSection(&notify_lock);
  if (!r->used || r->cancelled) {
    LeaveCriticalSection(&notify_lock);
    return ERROR_INVALID_HANDLE;
  }
  r->cancelled = TRUE;
  if (GetCurrentThreadId() == notifier_id) {
    /* Windows would wait here for the callback this thread is running: a deadlock. */
    LeaveCriticalSection(&notify_lock);
    notify_log("CancelMibChangeNotify2", 0, "FROM_CALLBACK");
    return NO_ERROR;
  }
  while (r->running > 0) SleepConditionVariableCS(&callback_done, &notify_lock, INFINITE);
  r->used = FALSE;
  LeaveCriticalSection(&notify_lock);
  notify_log("CancelMibChangeNotify2", 0, "cancelled");
  return NO_ERROR;
}
