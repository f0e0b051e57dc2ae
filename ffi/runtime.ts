/**
 * The few primitives a runtime's FFI supplies, and nothing more: open a DLL and
 * bind its functions, memory that native code fills or keeps reading, a
 * thread-safe callback, and a child process. Everything leasectl does with
 * them (system paths, the overrides, the thread runner, notifications, errors)
 * is written once, in ffi/native_backend.ts, as winipcfg writes its logic once
 * above the syscalls. ffi/deno_backend.ts supplies them on `Deno.dlopen`,
 * ffi/node_backend.ts on koffi.
 *
 * @module
 */

/** What a run of a program did, as the runtime saw it: its exit status and the bytes it wrote. */
export interface ProgramOutput {
  /** Its exit status. */
  exitCode: number;
  /** What it wrote to stdout, then to stderr, as bytes: the program chose their code page. */
  output: Uint8Array;
}

declare const pointerBrand: unique symbol;

/**
 * A native address as the runtime holds it (a `Deno.PointerObject`, a koffi
 * BigInt), or null for NULL: opaque to everything but the runtime that made it.
 */
export type Pointer = { readonly [pointerBrand]: true } | null;

/**
 * A symbol table of ffi/symbols.ts: Deno's shape (`Deno.ForeignLibraryInterface`),
 * with the FFI types that leasectl uses, which the koffi binding reads too.
 */
export type SymbolTable = Readonly<
  Record<string, {
    readonly parameters: readonly (string | StructType)[];
    readonly result: string;
    readonly optional?: boolean;
    /** Runs off the event loop, on the runtime's pool of blocking threads: the function returns a promise. */
    readonly nonblocking?: boolean;
  }>
>;

/** A struct passed by value, by its fields' FFI types, natural alignment; JavaScript passes its bytes. */
export type StructType = { readonly struct: readonly string[] };

/** What JavaScript passes for a parameter of FFI type `T`. */
type Argument<T> = T extends StructType ? Uint8Array
  : T extends "buffer" ? ArrayBufferView | Pointer
  : T extends "pointer" | "function" ? Pointer
  : T extends "usize" | "isize" | "u64" | "i64" ? number | bigint
  : number;

/** What JavaScript gets for a result (or a callback's parameter) of FFI type `T`. */
type Value<T> = T extends "pointer" | "buffer" | "function" ? Pointer
  : T extends "void" ? void
  : number;

/** The JavaScript values for a list of FFI parameter types, in order. */
type Values<P, As extends "argument" | "value"> = {
  -readonly [I in keyof P]: As extends "argument" ? Argument<P[I]> : Value<P[I]>;
};

/** A bound function of the declaration `D`, as ffi/symbols.ts writes one. */
export type NativeFunction<D extends { parameters: readonly unknown[]; result: unknown }> = (
  ...args: Values<D["parameters"], "argument">
) => D extends { nonblocking: true } ? Promise<Value<D["result"]>> : Value<D["result"]>;

/** The functions of a symbol table, bound in an opened DLL; an optional one the DLL lacks is null. */
export type Bound<S extends SymbolTable> = {
  readonly [K in keyof S]: NativeFunction<S[K]> | (S[K] extends { optional: true } ? null : never);
};

/** A callback's C shape: `VOID f(...)`, as ffi/symbols.ts declares one. */
export interface CallbackDefinition {
  /** Its parameters' FFI types. */
  readonly parameters: readonly string[];
  /** Its result's FFI type. */
  readonly result: "void";
}

/** A thread-safe callback that native code can call from any thread. */
export interface NativeCallback {
  /** The function pointer to hand to native code. */
  readonly pointer: Pointer;
  /** Frees it; native code must not call it any more. */
  close(): void;
}

/** Memory whose address native code may keep using after the call that was given it. */
export interface PinnedMemory {
  /** Its address. */
  readonly pointer: Pointer;
  /** Frees it, once no native code reads it any more. */
  release(): void;
}

/** The primitives one runtime supplies. */
export interface Runtime {
  /** The operating system, as the runtime names it (`windows`, `win32`). */
  readonly os: string;
  /** The processor architecture, as the runtime names it (`x86_64`, `x64`, `ia32`). */
  readonly arch: string;
  /** A `LEASECTL_*` override's value, where the runtime lets leasectl read it without asking. */
  override(variable: string): string | undefined;
  /**
   * Opens the DLL at `path` and binds the functions of `symbols` (stdcall, which
   * x64 and arm64 ignore). Throws an FfiPermissionError where the runtime allows
   * no FFI; any other failure as it comes, for the caller to name the library.
   */
  open<S extends SymbolTable>(path: string, symbols: S): Bound<S>;
  /**
   * Runs `call`, a native call that fills `buffer`, with the memory to hand it,
   * and leaves what it wrote in `buffer`; `addressOf(buffer)` then gives the
   * address it was written at, for the pointers inside it. Returns `call`'s result.
   */
  fill(buffer: Uint8Array, call: (memory: ArrayBufferView | Pointer) => number): number;
  /** The address native code wrote `buffer`'s bytes at, in the last `fill` of it. */
  addressOf(buffer: Uint8Array): bigint;
  /** `bytes` (or a copy of them) at an address that stays valid until released: a thread's argument. */
  pin(bytes: Uint8Array): PinnedMemory;
  /** The address `pointer` holds, to write into a struct that native code reads. */
  address(pointer: Pointer): bigint;
  /** The pointer whose address is `value`, such as a HANDLE that native code wrote into a buffer. */
  pointer(value: bigint): Pointer;
  /** A copy of the `size` bytes at `pointer`. */
  copy(pointer: Pointer, size: number): Uint8Array;
  /**
   * A thread-safe callback of the C shape `definition`: called from any thread,
   * `listener` runs on the event loop while that thread waits. It does not keep
   * the process alive.
   */
  callback<D extends CallbackDefinition>(
    definition: D,
    listener: (...args: Values<D["parameters"], "value">) => void,
  ): NativeCallback;
  /** Where the runtime will not let leasectl run the program at `path`: the flag to add, as a sentence. */
  refusesToRun(path: string): string | undefined;
  /** Runs the program at `path` with `args`, never through a shell; killed when `signal` aborts. */
  run(path: string, args: readonly string[], signal: AbortSignal): Promise<ProgramOutput>;
}
