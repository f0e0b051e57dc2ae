/**
 * The backend that calls the real DLLs, written once over a runtime's
 * primitives (ffi/runtime.ts): the iphlpapi.dll calls, the blocking ones on
 * threads of their own, change notifications with their safe cancel, flushdns
 * and ipconfig (its output read in the console's code page), over the DLLs of ffi/libraries.ts. Nothing is opened until a
 * method needs it.
 *
 * @module
 */

import type { Backend, NotificationKind, NotificationRegistration, RowNotification } from "./backend.ts";
import { decodeConsoleText } from "./console_text.ts";
import { LibraryLoadError, PermissionError, unwrap } from "./errors.ts";
import { dhcpCalls } from "./dhcp_calls.ts";
import { Libraries } from "./libraries.ts";
import { decodeRow, notificationKinds } from "./notification_kinds.ts";
import type { PinnedMemory, Pointer, Runtime } from "./runtime.ts";
import { CANCEL_PROCEDURE, changeCallback, IPCONFIG_OVERRIDE, iphlpapiThreadProcedures } from "./symbols.ts";
import { THREAD_NOT_STARTED, ThreadCalls, threadExitCode } from "./thread_calls.ts";

type Procedure = typeof iphlpapiThreadProcedures[number];

/** Makes the backend that calls the real DLLs through `runtime`'s FFI. */
export function createBackend(runtime: Runtime): Backend {
  const dlls = new Libraries(runtime);
  const kernel = () => dlls.kernel32();
  const formatMessage = (code: number) => dlls.systemMessage(code);

  let blocking: Record<Procedure, Pointer> | undefined;
  const iphlpapi = () => {
    const functions = dlls.open("iphlpapi");
    // The blocking calls run on threads of their own, so their addresses are needed, not wrappers.
    blocking ??= dlls.procedures("iphlpapi", iphlpapiThreadProcedures);
    return functions;
  };

  /**
   * Runs an iphlpapi.dll call that fills `buffer`. The DLL is opened first, so that
   * the platform check comes before any of the runtime's memory (koffi's included).
   */
  const filled = (
    buffer: Uint8Array,
    call: (ip: ReturnType<typeof iphlpapi>, memory: ArrayBufferView | Pointer) => number,
  ) => {
    const functions = iphlpapi();
    return runtime.fill(buffer, (memory) => call(functions, memory));
  };

  const threads = new ThreadCalls<{ thread: Pointer; argument: PinnedMemory | undefined }>({
    start(procedure, bytes) {
      const argument = runtime.pin(bytes);
      const thread = kernel().CreateThread(null, 0, procedure as Pointer, argument.pointer, 0, null);
      if (thread) return { thread, argument };
      argument.release();
      return null;
    },
    startWithValue(procedure, value) {
      const thread = kernel().CreateThread(null, 0, procedure as Pointer, value as Pointer, 0, null);
      return thread ? { thread, argument: undefined } : null;
    },
    exitCode: ({ thread }) => {
      const k = kernel();
      return threadExitCode(thread, k.WaitForSingleObject, k.GetExitCodeThread, k.GetLastError);
    },
    close({ thread, argument }) {
      kernel().CloseHandle(thread);
      argument?.release();
    },
  });
  const runOnThread = (name: Procedure, indexMap: Uint8Array) => {
    iphlpapi();
    return threads.run(blocking![name], indexMap);
  };

  let cancelProcedure: Pointer | undefined;
  /** CancelMibChangeNotify2's address, or null where the DLL lacks it. */
  const findCancelProcedure = () => {
    if (cancelProcedure !== undefined) return cancelProcedure;
    try {
      return cancelProcedure = dlls.procedures("iphlpapi", [CANCEL_PROCEDURE]).CancelMibChangeNotify2;
    } catch {
      return cancelProcedure = null;
    }
  };

  /**
   * A callback still registered when a foreign thread calls it at exit can abort
   * the process, and CancelMibChangeNotify2 waits for the callbacks that run: so
   * cancel runs on a thread of its own, and the callback is closed only once it returned.
   */
  const notifyChanges = (
    kind: NotificationKind,
    onNotification: (notification: RowNotification) => void,
  ): NotificationRegistration => {
    const { register: name, rowBytes } = notificationKinds[kind];
    const register = iphlpapi()[name];
    const cancelAt = findCancelProcedure();
    if (!register) throw new LibraryLoadError(name, [dlls.path("iphlpapi")]);
    if (!cancelAt) throw new LibraryLoadError(CANCEL_PROCEDURE, [dlls.path("iphlpapi")]);
    // Runs on the event loop; the thread Windows called it on waits until it returns.
    const callback = runtime.callback(changeCallback, (_context, row, type) => {
      onNotification(decodeRow(kind, type, row ? runtime.copy(row, rowBytes) : null));
    });
    const handle = new BigUint64Array(1);
    try {
      unwrap(name, register(0, callback.pointer, null, 0, handle), formatMessage);
    } catch (error) {
      callback.close();
      throw error;
    }
    let cancelled: Promise<void> | undefined;
    return {
      cancel: () =>
        cancelled ??= threads.runWithValue(cancelAt, runtime.pointer(handle[0])).then((result) => {
          // The registration is live while no thread could start, so its callback must stay.
          if (result !== THREAD_NOT_STARTED) callback.close();
        }),
    };
  };

  const ipconfigPath = () => {
    const path = dlls.pathOf("ipconfig.exe", IPCONFIG_OVERRIDE);
    const refusal = runtime.refusesToRun(path);
    if (refusal) {
      throw new PermissionError(
        "leasectl runs ipconfig.exe for IPv6 leases, as Windows has no function for them, and was not given " +
          `permission to. ${refusal}`,
      );
    }
    return path;
  };

  const { writtenAt, ...dhcp } = dhcpCalls(runtime, dlls);

  return {
    ...dhcp,
    notifyChanges,
    getInterfaceInfo: (table, size) => filled(table, (ip, memory) => ip.GetInterfaceInfo(memory, size)),
    getAdaptersAddresses: (family, flags, buffer, size) =>
      filled(buffer, (ip, memory) => ip.GetAdaptersAddresses(family, flags, null, memory, size)),
    getAdaptersInfo: (buffer, size) => filled(buffer, (ip, memory) => ip.GetAdaptersInfo(memory, size)),
    getNetworkParams: (buffer, size) => filled(buffer, (ip, memory) => ip.GetNetworkParams(memory, size)),
    addressOf: (buffer) => writtenAt(buffer) ?? runtime.addressOf(buffer),
    ipReleaseAddress: (indexMap) => runOnThread("IpReleaseAddress", indexMap),
    ipRenewAddress: (indexMap) => runOnThread("IpRenewAddress", indexMap),
    abandon: (call) => threads.abandon(call),
    formatMessage,
    flushDnsResolverCache() {
      const flush = dlls.open("dnsapi").DnsFlushResolverCache;
      if (!flush) throw new LibraryLoadError("DnsFlushResolverCache", [dlls.path("dnsapi")]);
      return flush() !== 0;
    },
    ipconfigPath,
    async runIpconfig(args, signal) {
      const { exitCode, output } = await runtime.run(ipconfigPath(), args, signal);
      return { exitCode, output: decodeConsoleText(kernel(), output) };
    },
  };
}

const shared = new WeakMap<Runtime, Backend>();

/** The one backend of the process over `runtime`, made on first use: what the library uses by default. */
export function processBackend(runtime: Runtime): Backend {
  let backend = shared.get(runtime);
  if (!backend) shared.set(runtime, backend = createBackend(runtime));
  return backend;
}
