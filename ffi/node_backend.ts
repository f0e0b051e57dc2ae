/**
 * The backend on Node, through koffi: koffi's primitives (ffi/runtime.ts) under
 * the logic that both runtimes share (ffi/native_backend.ts). The npm build puts
 * it where Deno's backend is (as dnt's `mappings` would). koffi is loaded, and
 * each DLL opened, on first use, never at import; the same symbol tables declare
 * the functions.
 *
 * Memory that native code keeps or points into is koffi's own (`koffi.alloc`):
 * koffi passes a typed array's memory only for the length of one call, and
 * GetAdaptersAddresses' pointers must be read against the address it wrote at.
 *
 * @module
 */

import { spawn } from "node:child_process";
import process from "node:process";
import type { Backend } from "./backend.ts";
import { FfiPermissionError, LibraryLoadError } from "./errors.ts";
import { type Koffi, loadKoffi } from "./koffi_loader.ts";
import { processBackend } from "./native_backend.ts";
import type { Bound, CallbackDefinition, Pointer, Runtime, StructType, SymbolTable } from "./runtime.ts";

/** Deno's FFI types, as koffi names them. */
const KOFFI_TYPE: Record<string, string> = {
  u32: "uint32_t",
  i32: "int32_t",
  usize: "size_t",
  pointer: "void *",
  buffer: "void *",
  u16: "uint16_t",
  u8: "uint8_t",
  function: "void *", // a koffi.register()ed callback
  void: "void",
};

let koffiModule: Koffi | undefined;

/** koffi, loaded on first use. */
function koffi(): Koffi {
  try {
    return koffiModule ??= loadKoffi();
  } catch (error) {
    if (error instanceof LibraryLoadError) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ERR_DLOPEN_DISABLED" || code === "ERR_ACCESS_DENIED") {
      throw new FfiPermissionError("Run node with --allow-addons, or without --permission.", {
        cause: error,
      });
    }
    throw new LibraryLoadError("koffi", ["koffi"], { cause: error });
  }
}

type NativeFunction = (...args: unknown[]) => unknown;

/** koffi's struct type for each struct shape, fields f0, f1, …, declared once per process. */
const structTypes = new Map<string, unknown>();
const FIELD_BYTES: Record<string, number> = { u8: 1, u16: 2, u32: 4, i32: 4, usize: 8, pointer: 8 };

function koffiType(type: string | StructType): unknown {
  if (typeof type === "string") return KOFFI_TYPE[type];
  const key = type.struct.join(",");
  if (!structTypes.has(key)) {
    structTypes.set(
      key,
      koffi().struct(Object.fromEntries(type.struct.map((f, i) => [`f${i}`, KOFFI_TYPE[f]]))),
    );
  }
  return structTypes.get(key);
}

/** A struct's bytes (as Deno takes them) as the object koffi takes: each field at its natural alignment. */
function structValue(type: StructType, bytes: Uint8Array): Record<string, number | bigint> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const value: Record<string, number | bigint> = {};
  let at = 0;
  type.struct.forEach((field, i) => {
    const size = FIELD_BYTES[field];
    at = Math.ceil(at / size) * size;
    value[`f${i}`] = size === 8
      ? view.getBigUint64(at, true)
      : size === 4
      ? (field === "i32" ? view.getInt32(at, true) : view.getUint32(at, true))
      : size === 2
      ? view.getUint16(at, true)
      : view.getUint8(at);
    at += size;
  });
  return value;
}

/** Nonblocking calls still running on libuv's pool. */
let pendingCalls = 0, exitHooked = false;

/**
 * At exit, libuv joins its pool's threads: a call given up on at its deadline (a DHCP
 * request waiting on a server) would hold the process until it returns. While one still
 * runs, the process ends at once, with TerminateProcess(GetCurrentProcess(), code).
 */
function endPendingCallsAtExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const k = koffi().load("kernel32.dll"); // a KnownDLL: mapped from the system folder whatever the search order
  const current = k.func("__stdcall", "GetCurrentProcess", "void *", []);
  const terminate = k.func("__stdcall", "TerminateProcess", "int32_t", ["void *", "uint32_t"]);
  process.on("exit", (code) => {
    if (pendingCalls > 0) terminate(current(), code);
  });
}

/** Declares the functions of `table` in the DLL at `path`; a missing optional one is null. */
function bind(path: string, table: SymbolTable): Record<string, NativeFunction | null> {
  const library = koffi().load(path);
  const functions: Record<string, NativeFunction | null> = {};
  for (const [name, { parameters, result, optional, nonblocking }] of Object.entries(table)) {
    let call: NativeFunction & { async?(...args: unknown[]): void };
    try {
      call = library.func("__stdcall", name, KOFFI_TYPE[result], parameters.map(koffiType) as string[]);
    } catch (error) {
      if (!optional) throw new LibraryLoadError(name, [path], { cause: error });
      functions[name] = null;
      continue;
    }
    const toKoffi = (args: unknown[]) =>
      args.map((arg, i) => {
        const type = parameters[i];
        return typeof type === "string" ? arg : structValue(type, arg as Uint8Array);
      });
    functions[name] = !nonblocking ? (...args) => call(...toKoffi(args)) : (...args) => {
      // On libuv's pool (koffi's async call); the process must not wait for it at exit.
      endPendingCallsAtExit();
      pendingCalls++;
      return new Promise((resolve, reject) => {
        call.async!(...toKoffi(args), (error: unknown, value: unknown) => {
          pendingCalls--;
          if (error) reject(error);
          else resolve(value);
        });
      });
    };
  }
  return functions;
}

/** Each callback shape, declared once per process. */
const prototypes = new Map<CallbackDefinition, ReturnType<Koffi["proto"]>>();

/** Where native code wrote each buffer that `fill` copied back. */
const writtenAt = new WeakMap<Uint8Array, bigint>();

/** koffi's primitives. Pointers are BigInts, as koffi 3 makes them. */
const nodeRuntime: Runtime = {
  os: process.platform,
  arch: process.arch,
  /** Node has no environment permission to respect: the environment is the runtime's own. */
  override: (variable) => process.env[variable] || undefined,
  open<S extends SymbolTable>(path: string, symbols: S): Bound<S> {
    return bind(path, symbols) as unknown as Bound<S>;
  },
  fill(buffer, call) {
    const k = koffi();
    const memory = k.alloc("uint8_t", buffer.length);
    try {
      const code = call(memory);
      buffer.set(new Uint8Array(k.view(memory, buffer.length)));
      writtenAt.set(buffer, k.address(memory));
      return code;
    } finally {
      k.free(memory);
    }
  },
  addressOf: (buffer) => writtenAt.get(buffer) ?? 0n,
  pin(bytes) {
    const k = koffi();
    const memory = k.alloc("uint8_t", bytes.length);
    new Uint8Array(k.view(memory, bytes.length)).set(bytes);
    return { pointer: memory, release: () => k.free(memory) };
  },
  address: (pointer) => koffi().address(pointer),
  pointer: (value) => value as unknown as Pointer,
  copy: (pointer, size) => Uint8Array.from(koffi().decode(pointer, "uint8_t", size) as ArrayLike<number>),
  /**
   * koffi runs a registered callback that another thread calls on the main thread,
   * and that thread waits meanwhile; its queue does not keep the event loop alive.
   */
  callback(definition, listener) {
    const k = koffi();
    let prototype = prototypes.get(definition);
    if (!prototype) {
      const parameters = definition.parameters.map((type) => KOFFI_TYPE[type]);
      prototypes.set(
        definition,
        prototype = k.proto("__stdcall", null, KOFFI_TYPE[definition.result], parameters),
      );
    }
    const callback = k.register(listener, k.pointer(prototype));
    return { pointer: callback as unknown as Pointer, close: () => k.unregister(callback) };
  },
  refusesToRun() {
    // Node's permission model (--permission) refuses child processes unless allowed.
    const permission = (process as { permission?: { has(scope: string): boolean } }).permission;
    return permission && !permission.has("child")
      ? "Run node with --allow-child-process as well."
      : undefined;
  },
  run(path, args, signal) {
    return new Promise((resolve, reject) => {
      const child = spawn(path, [...args], { signal, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
      const chunks: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
      child.on(
        "error",
        (error) => signal.aborted ? resolve({ exitCode: -1, output: new Uint8Array(0) }) : reject(error),
      );
      child.on("close", (code) => resolve({ exitCode: code ?? -1, output: Buffer.concat(chunks) }));
    });
  },
};

/** The backend the library uses when the caller gives none: one per process, made on first use. */
export function defaultBackend(): Backend {
  return processBackend(nodeRuntime);
}
