/* GetNetworkParams: the host's fixed name and DNS answer. */
#include "iphlpapi_double.h"

/* ---- GetNetworkParams ---- */

DWORD WINAPI GetNetworkParams(PFIXED_INFO info, PULONG size) {
  answered("GetNetworkParams");
  if (!size) return ERROR_INVALID_PARAMETER;
  if (!info || *size < sizeof(FIXED_INFO)) {
    *size = sizeof(FIXED_INFO);
    return ERROR_BUFFER_OVERFLOW;
  }
  memset(info, 0, sizeof *info);
  strcpy(info->HostName, "LEASECTL-TEST");
  strcpy(info->DomainName, "corp.example");
  info->CurrentDnsServer = NULL;
  strcpy(info->DnsServerList.IpAddress.String, "192.0.2.53");
  info->NodeType = HYBRID_NODETYPE;
  info->ScopeId[0] = '\0';
  info->EnableRouting = 0;
  info->EnableProxy = 0;
  info->EnableDns = 0;
  return NO_ERROR;
}
