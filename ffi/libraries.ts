/**
 * Where each DLL and program is found, and how a DLL is loaded, for either
 * runtime: by absolute path in the system folder (GetSystemDirectoryW), or from
 * its `LEASECTL_*` override where the runtime lets leasectl read it; on 64-bit
 * Windows only; once; a failure naming the library and the path tried.
 *
 * @module
 */

import { LeasectlError, LibraryLoadError } from "./errors.ts";
import { checkArchitecture } from "./platform.ts";
import type { Bound, Pointer, Runtime, SymbolTable } from "./runtime.ts";
import { kernel32, libraries, systemMessage } from "./symbols.ts";
import { KERNEL32, systemDirectory, systemFile } from "./system_paths.ts";
import { findProcedures } from "./thread_calls.ts";

/** A DLL of ffi/symbols.ts's `libraries`. */
export type LibraryName = keyof typeof libraries;

/** The functions of the DLL `L`. */
export type LibraryFunctions<L extends LibraryName> = Bound<typeof libraries[L]["symbols"]>;

/** The DLLs one backend has opened, through one runtime. */
export class Libraries {
  readonly #runtime: Runtime;
  readonly #opened = new Map<SymbolTable, unknown>();
  readonly #paths = new Map<LibraryName, string>();
  #system: string | undefined;

  /** Opens DLLs through `runtime`. */
  constructor(runtime: Runtime) {
    this.#runtime = runtime;
  }

  /** kernel32.dll, by name: a KnownDLL, mapped from the system folder whatever the search order. */
  kernel32(): Bound<typeof kernel32> {
    return this.#open(KERNEL32, KERNEL32, kernel32);
  }

  /** The DLL `name`, opened on first use. */
  open<L extends LibraryName>(name: L): LibraryFunctions<L> {
    return this.#open(
      libraries[name].name,
      this.path(name),
      libraries[name].symbols as typeof libraries[L]["symbols"],
    );
  }

  /** The path the DLL `name` is opened from, found once. */
  path(name: LibraryName): string {
    let path = this.#paths.get(name);
    if (path === undefined) {
      this.#paths.set(name, path = this.pathOf(libraries[name].file, libraries[name].override));
    }
    return path;
  }

  /** A file's path: the override where one is set, otherwise in the system folder, never a bare name. */
  pathOf(file: string, variable: string): string {
    return this.#runtime.override(variable) ?? this.systemPath(file);
  }

  /** A file's path in the system folder, which no override names (ntdll.dll, say). */
  systemPath(file: string): string {
    return systemFile(this.#system ??= systemDirectory(this.kernel32().GetSystemDirectoryW), file);
  }

  /** The addresses of `names` in the DLL `name`, opened already; a LibraryLoadError names any missing. */
  procedures<N extends string>(name: LibraryName, names: readonly N[]): Record<N, Pointer> {
    const k = this.kernel32();
    return findProcedures<N, Pointer>(this.path(name), names, k.LoadLibraryW, k.GetProcAddress);
  }

  /** FormatMessageW: the system's text for a Win32 code. */
  systemMessage(code: number): string | undefined {
    return systemMessage(this.kernel32().FormatMessageW, code);
  }

  /** Opens `path` for `symbols`' table once, on 64-bit Windows only; a failure names `name` and the path. */
  #open<S extends SymbolTable>(name: string, path: string, symbols: S): Bound<S> {
    if (this.#opened.has(symbols)) return this.#opened.get(symbols) as Bound<S>;
    checkArchitecture(this.#runtime.os, this.#runtime.arch);
    let functions: Bound<S>;
    try {
      functions = this.#runtime.open(path, symbols);
    } catch (error) {
      if (error instanceof LeasectlError) throw error;
      throw new LibraryLoadError(name, [path], { cause: error });
    }
    this.#opened.set(symbols, functions);
    return functions;
  }
}
