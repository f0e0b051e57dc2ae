/**
 * The seam under leasectl's library, for test doubles and diagnostics: the
 * {@linkcode Backend} interface that every call of `@leasectl/leasectl` takes
 * as `backend` (the native calls, one method each), the shapes a backend
 * returns, and the names of the environment variables that point leasectl at
 * another DLL or ipconfig.exe. Scripts that only release and renew leases never
 * need it.
 *
 * @example Run a renew against a backend of your own
 * ```ts
 * import { renew } from "@leasectl/leasectl";
 * import type { Backend } from "@leasectl/leasectl/testing";
 *
 * async function renewThrough(backend: Backend): Promise<number> {
 *   return (await renew("Ethernet", { backend })).returnValue;
 * }
 * console.log(typeof renewThrough);
 * ```
 *
 * @example Point leasectl at an Iphlpapi test double
 * ```ts
 * import { IPHLPAPI_OVERRIDE } from "@leasectl/leasectl/testing";
 *
 * console.log(`set ${IPHLPAPI_OVERRIDE}=C:\\doubles\\iphlpapi_double.dll`);
 * ```
 *
 * @module
 */

export type {
  Backend,
  NotificationKind,
  NotificationRegistration,
  ProgramRun,
  RowNotification,
} from "./ffi/backend.ts";
export { DNSAPI_OVERRIDE, IPCONFIG_OVERRIDE, IPHLPAPI_OVERRIDE } from "./ffi/symbols.ts";
