/**
 * Runs blocking Win32 calls each on an OS thread of its own.
 *
 * IpReleaseAddress and IpRenewAddress have the C shape of a thread procedure,
 * `DWORD WINAPI f(LPVOID)`, so `CreateThread` can run one directly, and the
 * thread's exit code is the call's result. This beats the runtimes' own ways of
 * making a call off the main thread: Deno's nonblocking FFI shares a small
 * blocking pool (8 threads on a 2-core machine) and koffi's async calls share
 * libuv's (4), so a renew that hangs for a minute would hold a pooled thread, and
 * block the runtime's other work, for that minute. A thread of its own holds
 * nothing: when the process exits, Windows ends it.
 *
 * Finished threads are collected by a poll every few milliseconds. The poll's
 * timer keeps the process alive only while someone still waits for a result:
 * a call given up on with {@linkcode ThreadCalls.abandon} does not.
 *
 * @module
 */

import { clearInterval, setInterval } from "node:timers";
import { LibraryLoadError, unwrap, type Win32Error } from "./errors.ts";
import { Win32ErrorCode } from "./win32_errors.ts";

/** The few kernel32 calls the runner needs, as ffi/native_backend.ts makes them over either runtime. */
export interface ThreadApi<Handle> {
  /** CreateThread(NULL, 0, procedure, argument, 0, NULL): the thread, or null when it could not start. */
  start(procedure: unknown, argument: Uint8Array): Handle | null;
  /**
   * CreateThread(NULL, 0, procedure, value, 0, NULL), `value` passed as it is
   * (a HANDLE, for `DWORD f(HANDLE)`); where missing, such calls answer 8.
   */
  startWithValue?(procedure: unknown, value: unknown): Handle | null;
  /**
   * WaitForSingleObject(thread, 0) and GetExitCodeThread: its exit code once it
   * has ended, undefined while it runs; throws a Win32Error when either fails.
   */
  exitCode(thread: Handle): number | undefined;
  /** CloseHandle(thread). */
  close(thread: Handle): void;
}

interface Running<Handle> {
  thread: Handle;
  /** Kept so that the buffer the thread reads outlives it. */
  argument: Uint8Array | undefined;
  /** Unset once nobody waits for the result. */
  settle: { resolve(code: number): void; reject(error: Win32Error): void };
  /** Whether someone still waits for the result: only then does the poll keep the process alive. */
  awaited: boolean;
}

const POLL_MS = 5;
const WAIT_OBJECT_0 = 0, WAIT_TIMEOUT = 0x102;

/**
 * A thread's exit code once it has ended, through the runtime's bindings of
 * WaitForSingleObject (with no wait), GetExitCodeThread and GetLastError;
 * undefined while it runs. A failed wait (WAIT_FAILED) or a failed
 * GetExitCodeThread throws a Win32Error with the thread's last error: neither
 * may read as "still running" (a hang) or as exit code 0 (a false success).
 */
export function threadExitCode<Handle>(
  thread: Handle,
  waitForSingleObject: (thread: Handle, milliseconds: number) => unknown,
  getExitCodeThread: (thread: Handle, code: Uint32Array) => unknown,
  getLastError: () => unknown,
): number | undefined {
  // Never 0, so that each unwrap below throws.
  const lastError = () => (getLastError() as number) || Win32ErrorCode.ERROR_INVALID_HANDLE;
  const waited = waitForSingleObject(thread, 0);
  if (waited === WAIT_TIMEOUT) return undefined;
  if (waited !== WAIT_OBJECT_0) unwrap("WaitForSingleObject", lastError());
  const code = new Uint32Array(1);
  if (!getExitCodeThread(thread, code)) unwrap("GetExitCodeThread", lastError());
  return code[0];
}

/**
 * What a call answers when no thread could start: ERROR_NOT_ENOUGH_MEMORY, why
 * CreateThread fails when it does. The call itself has not run.
 */
export const THREAD_NOT_STARTED: number = Win32ErrorCode.ERROR_NOT_ENOUGH_MEMORY;

/**
 * The addresses of `names` in the DLL at `path`, which the runtime has loaded
 * already: LoadLibraryW finds that module (and keeps it loaded), GetProcAddress
 * each function. Throws a LibraryLoadError naming any that is missing.
 */
export function findProcedures<Name extends string, Pointer>(
  path: string,
  names: readonly Name[],
  loadLibraryW: (path: Uint16Array) => Pointer | null,
  getProcAddress: (module: Pointer, name: Uint8Array) => Pointer | null,
): Record<Name, Pointer> {
  const wide = new Uint16Array(path.length + 1); // LPCWSTR, unit by unit so surrogate pairs stay whole
  for (let i = 0; i < path.length; i++) wide[i] = path.charCodeAt(i);
  const module = loadLibraryW(wide);
  const found = {} as Record<Name, Pointer>;
  for (const name of names) {
    const address = module && getProcAddress(module, new TextEncoder().encode(`${name}\0`));
    if (!address) throw new LibraryLoadError(name, [path]);
    found[name] = address;
  }
  return found;
}

/** Starts calls on threads of their own and resolves each with its result. */
export class ThreadCalls<Handle> {
  readonly #api: ThreadApi<Handle>;
  readonly #running = new Set<Running<Handle>>();
  readonly #byPromise = new WeakMap<Promise<number>, Running<Handle>>();
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Uses `api` to start, watch and close threads. */
  constructor(api: ThreadApi<Handle>) {
    this.#api = api;
  }

  /**
   * Runs `procedure(argument)` on a new thread: its DWORD result, or 8 if no
   * thread could start. Rejects with a Win32Error when the thread cannot be
   * waited for or its exit code cannot be read.
   */
  run(procedure: unknown, argument: Uint8Array): Promise<number> {
    return this.#started(this.#api.start(procedure, argument), argument);
  }

  /** Runs `procedure(value)` on a new thread, `value` passed as it is: as {@linkcode ThreadCalls.run} otherwise. */
  runWithValue(procedure: unknown, value: unknown): Promise<number> {
    return this.#started(this.#api.startWithValue?.(procedure, value) ?? null, undefined);
  }

  #started(thread: Handle | null, argument: Uint8Array | undefined): Promise<number> {
    if (thread === null) return Promise.resolve(THREAD_NOT_STARTED);
    let settle!: Running<Handle>["settle"];
    const result = new Promise<number>((resolve, reject) => settle = { resolve, reject });
    const entry: Running<Handle> = { thread, argument, settle, awaited: true };
    this.#running.add(entry);
    this.#byPromise.set(result, entry);
    this.#watch();
    return result;
  }

  /** Stops waiting for `call`: its thread runs on, but no longer keeps the process alive. */
  abandon(call: Promise<number>): void {
    const entry = this.#byPromise.get(call);
    if (entry) entry.awaited = false;
    call.catch(() => {}); // a failure nobody waits for must not end the process
    this.#watch();
  }

  #watch(): void {
    if (this.#running.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.#timer ??= setInterval(() => this.#poll(), POLL_MS);
    const awaited = [...this.#running].some((entry) => entry.awaited);
    if (awaited) this.#timer.ref();
    else this.#timer.unref();
  }

  #finish(entry: Running<Handle>): void {
    this.#api.close(entry.thread);
    this.#running.delete(entry);
  }

  #poll(): void {
    for (const entry of this.#running) {
      let code: number | undefined;
      try {
        code = this.#api.exitCode(entry.thread);
        if (code === undefined) continue;
      } catch (error) {
        this.#finish(entry);
        entry.settle.reject(error as Win32Error);
        continue;
      }
      this.#finish(entry);
      entry.settle.resolve(code);
    }
    this.#watch();
  }
}
