/**
 * The DHCP client API of the fake backend: it lays its answers out in the
 * caller's buffer as Windows does (each DHCPCAPI_PARAMS.Data a pointer into
 * Buffer, at FAKE_BASE), answers ERROR_MORE_DATA with the size when the buffer
 * is small, and records every call.
 */

import type { Backend, DhcpFamily } from "../../ffi/backend.ts";
import { DHCPCAPI_PARAMS as PARAMS } from "../../ffi/layouts.ts";
import { FAKE_BASE } from "../../harness/win32_buffers.ts";

/** Option bytes by code. */
export type OptionBytes = Record<number, number[]>;

/** How the fake's DHCP client answers. */
export interface FakeDhcpBehaviour {
  /** The options each adapter's client holds, by GUID and family; `laptopOptions()` by default. */
  options?: (family: DhcpFamily, guid: string) => OptionBytes | undefined;
  /** A code (or a promise of one) in place of an answer, for the call numbered `call` (from 1) on `guid`. */
  answer?: (family: DhcpFamily, guid: string, call: number) => number | Promise<number> | undefined;
  /** What DhcpCApiInitialize returns; 0 by default. */
  initialize?: number;
  /** Whether the DHCPv6 calls may be made (false: as under Wine); true by default. */
  dhcpv6?: boolean;
}

/** One DhcpRequestParams (or Dhcpv6RequestParams) call the fake received. */
export interface FakeDhcpCall {
  family: DhcpFamily;
  adapterName: string;
  codes: number[];
  bufferBytes: number;
}

/** What the fake's DHCP client saw. */
export interface FakeDhcpLog {
  calls: FakeDhcpCall[];
  initialized: DhcpFamily[];
  cleanedUp: DhcpFamily[];
}

/** The options a home router hands the laptop's Ethernet: the common ones, a search list, routes and WPAD. */
export function laptopOptions(): Record<string, OptionBytes> {
  const text = (value: string) => [...new TextEncoder().encode(value)];
  return {
    "{1EA5EC71-0000-4000-8000-00000000000B}": {
      1: [255, 255, 255, 0],
      3: [192, 0, 2, 1],
      6: [192, 0, 2, 53, 192, 0, 2, 54],
      15: text("corp.example"),
      43: Array.from({ length: 240 }, (_, i) => i), // vendor-specific: more than the first buffer holds
      51: [0, 1, 81, 128], // 86400
      54: [192, 0, 2, 1],
      58: [0, 0, 168, 192], // 43200
      59: [0, 1, 39, 80], // 75600
      // corp.example, then eng.corp.example through a pointer to offset 0
      119: [4, ...text("corp"), 7, ...text("example"), 0, 3, ...text("eng"), 0xc0, 0],
      121: [8, 10, 192, 0, 2, 254, 0, 192, 0, 2, 1],
      252: [...text("http://wpad.corp.example/wpad.dat"), 0],
    },
    "{1EA5EC71-0000-4000-8000-00000000000F}": { 1: [255, 255, 255, 0], 3: [198, 51, 100, 1] },
  };
}

const WIDE = (name: Uint16Array) => String.fromCharCode(...name.subarray(0, name.indexOf(0)));

/** The four DHCP calls of a Backend, over `behaviour`, recording into the log it returns. */
export function fakeDhcp(
  behaviour: FakeDhcpBehaviour = {},
): Pick<Backend, "dhcpInitialize" | "dhcpRequestParams" | "dhcpCleanup" | "dhcpv6Callable"> & {
  dhcp: FakeDhcpLog;
} {
  const log: FakeDhcpLog = { calls: [], initialized: [], cleanedUp: [] };
  const fixture = laptopOptions();
  const optionsOf = behaviour.options ??
    ((family: DhcpFamily, guid: string) => family === 4 ? fixture[guid] : undefined);
  const callsOn = new Map<string, number>();
  return {
    dhcp: log,
    dhcpInitialize(family) {
      log.initialized.push(family);
      return behaviour.initialize ?? 0;
    },
    dhcpCleanup: (family) => void log.cleanedUp.push(family),
    dhcpv6Callable: () => behaviour.dhcpv6 ?? true,
    async dhcpRequestParams(family, name, params, buffer, size) {
      const view = new DataView(params.buffer, params.byteOffset, params.byteLength);
      const codes = Array.from(
        { length: params.length / PARAMS.size },
        (_, i) => view.getUint32(i * PARAMS.size + PARAMS.OptionId, true),
      );
      const adapterName = WIDE(name);
      log.calls.push({ family, adapterName, codes, bufferBytes: size[0] });
      const key = `${family}${adapterName}`, call = (callsOn.get(key) ?? 0) + 1;
      callsOn.set(key, call);
      const answer = await behaviour.answer?.(family, adapterName, call);
      if (answer !== undefined) return answer;
      const held = optionsOf(family, adapterName) ?? {};
      const needed = codes.reduce((sum, code) => sum + (held[code]?.length ?? 0), 0);
      if (size[0] < needed) {
        size[0] = needed;
        return 234; // ERROR_MORE_DATA
      }
      let at = 0;
      codes.forEach((code, i) => {
        const bytes = held[code];
        if (!bytes) return;
        buffer.set(bytes, at);
        view.setBigUint64(i * PARAMS.size + PARAMS.Data, FAKE_BASE + BigInt(at), true);
        view.setUint32(i * PARAMS.size + PARAMS.nBytesData, bytes.length, true);
        at += bytes.length;
      });
      return 0;
    },
  };
}
