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
import { LibraryLoadError } from "../lib/errors.ts";

/** The few kernel32 calls the runner needs, as each runtime's FFI makes them. */
export interface ThreadApi<Handle> {
  /** CreateThread(NULL, 0, procedure, argument, 0, NULL): the thread, or null when it could not start. */
  start(procedure: unknown, argument: Uint8Array): Handle | null;
  /** WaitForSingleObject(thread, 0) and GetExitCodeThread: its exit code once it has ended. */
  exitCode(thread: Handle): number | undefined;
  /** CloseHandle(thread). */
  close(thread: Handle): void;
}

interface Running<Handle> {
  thread: Handle;
  /** Kept so that the buffer the thread reads outlives it. */
  argument: Uint8Array;
  resolve: ((code: number) => void) | undefined;
}

const POLL_MS = 5;
const WAIT_OBJECT_0 = 0;

/**
 * A thread's exit code once it has ended, through the runtime's bindings of
 * WaitForSingleObject (with no wait) and GetExitCodeThread; undefined while it runs.
 */
export function threadExitCode<Handle>(
  thread: Handle,
  waitForSingleObject: (thread: Handle, milliseconds: number) => unknown,
  getExitCodeThread: (thread: Handle, code: Uint32Array) => unknown,
): number | undefined {
  if (waitForSingleObject(thread, 0) !== WAIT_OBJECT_0) return undefined;
  const code = new Uint32Array(1);
  getExitCodeThread(thread, code);
  return code[0];
}
/** ERROR_NOT_ENOUGH_MEMORY: why CreateThread fails, when it does. */
const CANNOT_START = 8;

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

  /** Runs `procedure(argument)` on a new thread: its DWORD result, or 8 if no thread could start. */
  run(procedure: unknown, argument: Uint8Array): Promise<number> {
    const thread = this.#api.start(procedure, argument);
    if (thread === null) return Promise.resolve(CANNOT_START);
    const entry: Running<Handle> = { thread, argument, resolve: undefined };
    const result = new Promise<number>((resolve) => entry.resolve = resolve);
    this.#running.add(entry);
    this.#byPromise.set(result, entry);
    this.#watch();
    return result;
  }

  /** Stops waiting for `call`: its thread runs on, but no longer keeps the process alive. */
  abandon(call: Promise<number>): void {
    const entry = this.#byPromise.get(call);
    if (entry) entry.resolve = undefined;
    this.#watch();
  }

  #watch(): void {
    if (this.#running.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.#timer ??= setInterval(() => this.#poll(), POLL_MS);
    const awaited = [...this.#running].some((entry) => entry.resolve);
    if (awaited) this.#timer.ref();
    else this.#timer.unref();
  }

  #poll(): void {
    for (const entry of this.#running) {
      const code = this.#api.exitCode(entry.thread);
      if (code === undefined) continue;
      this.#api.close(entry.thread);
      this.#running.delete(entry);
      entry.resolve?.(code);
    }
    this.#watch();
  }
}
