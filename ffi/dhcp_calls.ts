/**
 * The DHCP client API calls of `options`, for either runtime: DhcpCApiInitialize
 * and DhcpCApiCleanup (and their DHCPv6 twins), and DhcpRequestParams /
 * Dhcpv6RequestParams off the event loop. Those two are no thread procedures
 * (seven and nine parameters, a struct by value), so the thread runner cannot
 * start them: they are the runtimes' own nonblocking calls, over memory that
 * stays valid until the call ends, even one given up on at its deadline.
 *
 * @module
 */

import type { Backend, DhcpFamily } from "./backend.ts";
import { encodeParamsArray } from "./codecs/dhcp_params.ts";
import { DHCPCAPI_PARAMS, dhcpConstants } from "./layouts.ts";
import type { Libraries } from "./libraries.ts";
import type { Runtime } from "./runtime.ts";
import { DHCPCSVC6_OVERRIDE } from "./symbols.ts";
import { runsUnderWine } from "./wine.ts";

/** The Backend's DHCP methods, and where each request's buffer was written. */
export interface DhcpCalls
  extends Pick<Backend, "dhcpInitialize" | "dhcpRequestParams" | "dhcpCleanup" | "dhcpv6Callable"> {
  /** The address a DhcpRequestParams call wrote `buffer` at; undefined for any other buffer. */
  writtenAt(buffer: Uint8Array): bigint | undefined;
}

/** The DHCP calls through `runtime`, over the DLLs `dlls` opens. */
export function dhcpCalls(runtime: Runtime, dlls: Libraries): DhcpCalls {
  const written = new WeakMap<Uint8Array, bigint>();
  let wine: boolean | undefined;
  return {
    writtenAt: (buffer) => written.get(buffer),
    dhcpInitialize(family: DhcpFamily) {
      const version = new Uint32Array(1);
      return family === 4
        ? dlls.open("dhcpcsvc").DhcpCApiInitialize(version)
        : dlls.open("dhcpcsvc6").Dhcpv6CApiInitialize(version);
    },
    dhcpCleanup(family: DhcpFamily) {
      if (family === 4) dlls.open("dhcpcsvc").DhcpCApiCleanup();
      else dlls.open("dhcpcsvc6").Dhcpv6CApiCleanup();
    },
    dhcpv6Callable() {
      if (runtime.override(DHCPCSVC6_OVERRIDE)) return true;
      const k = dlls.kernel32();
      wine ??= runsUnderWine(dlls.systemPath("ntdll.dll"), k.LoadLibraryW, k.GetProcAddress);
      return !wine;
    },
    async dhcpRequestParams(family, name, params, buffer, size) {
      const call = family === 4
        ? dlls.open("dhcpcsvc").DhcpRequestParams
        : dlls.open("dhcpcsvc6").Dhcpv6RequestParams;
      // Memory native code may still write into after a caller gave up on the call: freed when it ends.
      const bytes = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      const pins = [bytes(name), params, buffer, bytes(size)].map((memory) => runtime.pin(memory));
      const [nameAt, paramsAt, bufferAt, sizeAt] = pins.map((pin) => pin.pointer);
      const recd = encodeParamsArray(params.length / DHCPCAPI_PARAMS.size, runtime.address(paramsAt));
      try {
        const code = family === 4
          ? await (call as ReturnType<typeof dlls.open<"dhcpcsvc">>["DhcpRequestParams"])(
            dhcpConstants.DHCPCAPI_REQUEST_SYNCHRONOUS,
            null,
            nameAt,
            null,
            encodeParamsArray(0, 0n),
            recd,
            bufferAt,
            sizeAt,
            null,
          )
          : await (call as ReturnType<typeof dlls.open<"dhcpcsvc6">>["Dhcpv6RequestParams"])(
            0,
            null,
            nameAt,
            null,
            recd,
            bufferAt,
            sizeAt,
          );
        params.set(runtime.copy(paramsAt, params.length));
        buffer.set(runtime.copy(bufferAt, buffer.length));
        bytes(size).set(runtime.copy(sizeAt, 4));
        written.set(buffer, runtime.address(bufferAt));
        return code;
      } finally {
        pins.forEach((pin) => pin.release());
      }
    },
  };
}
