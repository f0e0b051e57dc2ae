// The logic both runtimes share (ffi/native_backend.ts), over a fake runtime: where each DLL is
// loaded from, the 64-bit refusal, load failures named, and a notification's callback closed
// exactly when no native code can call it any more.
import assert from "node:assert/strict";
import { createBackend } from "../../ffi/native_backend.ts";
import type { Pointer, Runtime } from "../../ffi/runtime.ts";
import { dnsapi, iphlpapi, kernel32 } from "../../ffi/symbols.ts";
import { LibraryLoadError, UnsupportedPlatformError, Win32Error } from "../../mod.ts";

const SYSTEM = "C:\\Windows\\System32";
const pointer = (value: number) => value as unknown as Pointer;

/** A runtime whose DLLs are JavaScript, and what leasectl asked of it. */
function fakeRuntime(options: {
  arch?: string;
  env?: Record<string, string>;
  refuseLoad?: string;
  registration?: number;
  threadsStart?: boolean;
} = {}) {
  const opened: string[] = [];
  const callbacks: { closed: boolean }[] = [];
  const threads: unknown[] = [];
  const functions = new Map<unknown, Record<string, unknown>>([
    [kernel32, {
      GetSystemDirectoryW(buffer: Uint16Array) {
        for (let i = 0; i < SYSTEM.length; i++) buffer[i] = SYSTEM.charCodeAt(i);
        return SYSTEM.length;
      },
      LoadLibraryW: () => pointer(1),
      GetProcAddress: (_module: Pointer, name: Uint8Array) => pointer(name.length),
      CreateThread: (_a: unknown, _s: number, _procedure: Pointer, value: Pointer) =>
        options.threadsStart === false ? null : (threads.push(value), pointer(threads.length)),
      WaitForSingleObject: () => 0,
      GetExitCodeThread: (_thread: Pointer, code: Uint32Array) => (code[0] = 0, 1),
      CloseHandle: () => 1,
      GetLastError: () => 0,
      FormatMessageW: () => 0,
    }],
    [iphlpapi, {
      GetInterfaceInfo: () => 232,
      NotifyIpInterfaceChange: (
        _family: number,
        _callback: Pointer,
        _c: Pointer,
        _i: number,
        out: BigUint64Array,
      ) => {
        out[0] = 0x4242n;
        return options.registration ?? 0;
      },
      NotifyUnicastIpAddressChange: null,
    }],
    [dnsapi, { DnsFlushResolverCache: () => 1 }],
  ]);
  const runtime: Runtime = {
    os: "windows",
    arch: options.arch ?? "x86_64",
    override: (variable) => options.env?.[variable],
    open(path, symbols) {
      opened.push(path);
      if (path === options.refuseLoad) throw new Error("The specified module could not be found");
      return functions.get(symbols) as never;
    },
    fill: (buffer, call) => call(buffer),
    addressOf: () => 0n,
    pin: () => ({ pointer: pointer(7), release() {} }),
    pointer: (value) => pointer(Number(value)),
    address: () => 0n,
    copy: (_pointer, size) => new Uint8Array(size),
    callback() {
      const callback = { closed: false };
      callbacks.push(callback);
      return { pointer: pointer(9), close: () => void (callback.closed = true) };
    },
    refusesToRun: () => undefined,
    run: () => Promise.resolve({ exitCode: 0, output: new Uint8Array(0) }),
  };
  return { runtime, opened, callbacks, threads };
}

Deno.test("every DLL is opened by its absolute path in the system folder, kernel32 by its KnownDLL name", () => {
  const fake = fakeRuntime();
  const backend = createBackend(fake.runtime);
  assert.equal(backend.getInterfaceInfo(new Uint8Array(4), new Uint32Array(1)), 232);
  assert.equal(backend.flushDnsResolverCache(), true);
  assert.deepEqual(fake.opened, ["kernel32.dll", `${SYSTEM}\\iphlpapi.dll`, `${SYSTEM}\\dnsapi.dll`]);
  assert.equal(backend.ipconfigPath(), `${SYSTEM}\\ipconfig.exe`);
});

Deno.test("an override the runtime lets leasectl read opens that file instead", () => {
  const fake = fakeRuntime({ env: { LEASECTL_IPHLPAPI: "C:\\doubles\\iphlpapi.dll" } });
  createBackend(fake.runtime).getInterfaceInfo(new Uint8Array(4), new Uint32Array(1));
  assert.deepEqual(fake.opened.filter((path) => path.endsWith("iphlpapi.dll")), [
    "C:\\doubles\\iphlpapi.dll",
  ]);
});

Deno.test("a 32-bit runtime is refused before any DLL is opened", () => {
  const fake = fakeRuntime({ arch: "ia32" });
  assert.throws(
    () => createBackend(fake.runtime).getInterfaceInfo(new Uint8Array(4), new Uint32Array(1)),
    (error) => error instanceof UnsupportedPlatformError && error.arch === "ia32",
  );
  assert.deepEqual(fake.opened, []);
});

Deno.test("a DLL that will not load is a LibraryLoadError naming it, the path tried and the cause", () => {
  const fake = fakeRuntime({ refuseLoad: `${SYSTEM}\\iphlpapi.dll` });
  assert.throws(
    () => createBackend(fake.runtime).getInterfaceInfo(new Uint8Array(4), new Uint32Array(1)),
    (error) =>
      error instanceof LibraryLoadError &&
      error.message ===
        `Could not load Iphlpapi.dll from ${SYSTEM}\\iphlpapi.dll (The specified module could not be found).`,
  );
});

Deno.test("a refused registration is a Win32Error naming its function, and its callback is closed", () => {
  const fake = fakeRuntime({ registration: 50 });
  assert.throws(
    () => createBackend(fake.runtime).notifyChanges!("interface", () => {}),
    (error) => error instanceof Win32Error && error.api === "NotifyIpInterfaceChange" && error.code === 50,
  );
  assert.deepEqual(fake.callbacks.map((callback) => callback.closed), [true]);
});

Deno.test("a DLL without the notification function is a LibraryLoadError, with no callback made", () => {
  const fake = fakeRuntime();
  assert.throws(
    () => createBackend(fake.runtime).notifyChanges!("address", () => {}),
    (error) => error instanceof LibraryLoadError && /NotifyUnicastIpAddressChange/.test(error.message),
  );
  assert.equal(fake.callbacks.length, 0);
});

Deno.test("cancel passes the registration's handle to a thread, then closes the callback", async () => {
  const fake = fakeRuntime();
  const registration = createBackend(fake.runtime).notifyChanges!("interface", () => {});
  assert.equal(fake.callbacks[0].closed, false);
  await registration.cancel();
  assert.deepEqual(fake.threads, [pointer(0x4242)]);
  assert.equal(fake.callbacks[0].closed, true);
});

Deno.test("a cancel that no thread could run leaves the callback open: the registration is still live", async () => {
  const fake = fakeRuntime({ threadsStart: false });
  await createBackend(fake.runtime).notifyChanges!("interface", () => {}).cancel();
  assert.equal(fake.callbacks[0].closed, false);
});
