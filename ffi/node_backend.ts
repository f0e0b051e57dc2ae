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
import type { Bound, CallbackDefinition, Pointer, Runtime, SymbolTable } from "./runtime.ts";

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

/** Declares the functions of `table` in the DLL at `path`; a missing optional one is null. */
function bind(path: string, table: SymbolTable): Record<string, NativeFunction | null> {
  const library = koffi().load(path);
  const functions: Record<string, NativeFunction | null> = {};
  for (const [name, { parameters, result, optional }] of Object.entries(table)) {
    try {
      functions[name] = library.func(
        "__stdcall",
        name,
        KOFFI_TYPE[result],
        parameters.map((type) => KOFFI_TYPE[type]),
      );
    } catch (error) {
      if (!optional) throw new LibraryLoadError(name, [path], { cause: error });
      functions[name] = null;
    }
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
