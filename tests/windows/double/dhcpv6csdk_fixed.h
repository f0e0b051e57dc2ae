/*
 * dhcpv6csdk.h as mingw-w64 ships it, made to compile: it declares
 * Dhcpv6RenewPrefix twice with different parameters, which C refuses. Each
 * declaration gets a name of its own (neither is used). The header also lacks
 * Dhcpv6RequestParams, which is declared here as Microsoft documents it.
 */
#ifndef LEASECTL_DHCPV6CSDK_FIXED_H
#define LEASECTL_DHCPV6CSDK_FIXED_H
#include <windows.h>
#define LEASECTL_CAT_(a, b) a##b
#define LEASECTL_CAT(a, b) LEASECTL_CAT_(a, b)
#define Dhcpv6RenewPrefix(...) LEASECTL_CAT(Dhcpv6RenewPrefix_declared_, __COUNTER__)(__VA_ARGS__)
#include <dhcpv6csdk.h>
#undef Dhcpv6RenewPrefix

DWORD APIENTRY Dhcpv6RequestParams(BOOL forceNewInform, LPVOID reserved, LPWSTR adapterName,
                                   LPDHCPV6CAPI_CLASSID classId, DHCPV6CAPI_PARAMS_ARRAY recdParams,
                                   LPBYTE buffer, LPDWORD pSize);
#endif
