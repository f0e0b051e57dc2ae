/**
 * The backend on Deno's FFI: Deno's primitives (ffi/runtime.ts) under the
 * logic that both runtimes share (ffi/native_backend.ts). Each DLL is opened on
 * first use, never at import, so that importing leasectl on any OS, or for
 * documentation, loads nothing.
 *
 * @module
 */

import type { Backend } from "./backend.ts";
import { FfiPermissionError } from "./errors.ts";
import { processBackend } from "./native_backend.ts";
import type { Bound, Pointer, Runtime } from "./runtime.ts";

/** What Deno's FFI takes and gives for a pointer. */
const native = (pointer: Pointer) => pointer as unknown as Deno.PointerValue;
const opaque = (pointer: Deno.PointerValue) => pointer as unknown as Pointer;

/** Deno's primitives. Buffers are passed as they are: Deno hands native code their own memory. */
const denoRuntime: Runtime = {
  os: Deno.build.os,
  arch: Deno.build.arch,
  /** Read only when environment access to it is already granted: never a prompt. */
  override(variable) {
    const access = Deno.permissions.querySync({ name: "env", variable });
    return (access.state === "granted" && Deno.env.get(variable)) || undefined;
  },
  open(path, symbols) {
    try {
      return Deno.dlopen(path, symbols as Deno.ForeignLibraryInterface).symbols as unknown as Bound<
        typeof symbols
      >;
    } catch (error) {
      if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
        throw new FfiPermissionError(undefined, { cause: error });
      }
      throw error;
    }
  },
  fill: (buffer, call) => call(buffer),
  addressOf: (buffer) => BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer))),
  // The buffer's own memory: the thread runner keeps the buffer until the thread has ended.
  pin: (bytes) => ({ pointer: opaque(Deno.UnsafePointer.of(bytes)), release() {} }),
  address: (pointer) => BigInt(Deno.UnsafePointer.value(native(pointer))),
  pointer: (value) => opaque(Deno.UnsafePointer.create(value)),
  copy: (pointer, size) =>
    new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(native(pointer)!, size)).slice(),
  callback(definition, listener) {
    const callback = Deno.UnsafeCallback.threadSafe(
      definition as Deno.UnsafeCallbackDefinition,
      listener as unknown as Deno.UnsafeCallbackFunction,
    );
    callback.unref(); // a subscriber that wants the process kept alive holds it open itself
    return { pointer: opaque(callback.pointer), close: () => callback.close() };
  },
  refusesToRun: (path) =>
    Deno.permissions.querySync({ name: "run", command: path }).state === "granted"
      ? undefined
      : `Run it with --allow-run=${path} as well.`,
  async run(path, args, signal) {
    const command = new Deno.Command(path, {
      args: [...args],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal,
    });
    const { code, stdout, stderr } = await command.output();
    const output = new Uint8Array(stdout.length + stderr.length);
    output.set(stdout);
    output.set(stderr, stdout.length);
    return { exitCode: code, output };
  },
};

/**
 * The backend the library uses when the caller gives none: one per process,
 * made on first use. The npm build maps this module to ./node_backend.ts, as
 * dnt's `mappings` would.
 */
export function defaultBackend(): Backend {
  return processBackend(denoRuntime);
}
