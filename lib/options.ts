/**
 * `options`: the DHCP options the Windows DHCP client holds for each selected
 * adapter, through DhcpRequestParams (and Dhcpv6RequestParams where it is
 * safe to call), decoded by type. Selection and skips are renew's.
 *
 * @module
 */

import type { Backend, DhcpFamily } from "../ffi/backend.ts";
import { decodeParams, encodeParams } from "../ffi/codecs/dhcp_params.ts";
import {
  type DecodedOption,
  decodeOption,
  DEFAULT_DHCPV4_OPTIONS,
  DEFAULT_DHCPV6_OPTIONS,
} from "../ffi/codecs/dhcp_options.ts";
import { describeWin32Code, Win32ErrorCode } from "../ffi/win32_errors.ts";
import { readAdapters } from "./adapters.ts";
import { DecodeError, InvalidArgumentError, LibraryLoadError } from "./errors.ts";
import { beforeDeadline, forEachBounded, TIMED_OUT } from "./deadline.ts";
import { checkSeconds, MAX_PARALLEL_CALLS, secondsPhrase as seconds } from "./limits.ts";
import { parseAdapterArgument, selectAdapters } from "./select.ts";
import type { Adapter, AdapterResult, CallOptions } from "./types.ts";

export type { ClasslessRoute, DecodedOption, OptionValue } from "../ffi/codecs/dhcp_options.ts";

/** The deadline of the calls when no `timeout` is given, in seconds. */
export const DEFAULT_OPTIONS_TIMEOUT_SECONDS = 30;
/** The first buffer offered: small, as Windows documents, then the size it asks for. */
export const FIRST_BUFFER_BYTES = 256;
/** How many times the buffer may grow before leasectl gives up: the options can change between calls. */
export const MAX_BUFFER_ATTEMPTS = 4;
/** More than every option of a DHCP message could hold; a larger request is refused. */
export const MAX_BUFFER_BYTES = 1 << 20;

/** What `dhcpOptions` takes besides the adapter. */
export interface DhcpOptionsOptions extends CallOptions {
  /** Exactly these DHCPv4 option codes (1–254); by default the set admins debug, and DHCPv6 23 and 24. */
  options?: readonly number[];
  /** Seconds to wait for the calls (default 30): reading an option may make Windows ask the server. */
  timeout?: number;
}

/** One adapter's options, or why there are none: `guid` is the AdapterName the DHCP client was asked with. */
export interface AdapterOptions extends AdapterResult {
  /** The options the client holds, in the order asked; one it does not hold is left out. */
  options: DecodedOption[];
}

/** What `options` read, and whether the selection held a DHCP-enabled adapter at all. */
export interface OptionsReading {
  adapters: AdapterOptions[];
  dhcpSelected: boolean;
}

/** Throws an InvalidArgumentError unless `codes` are DHCP option codes: whole numbers 1–254, at least one. */
export function checkOptionCodes(codes: readonly number[] | undefined): void {
  if (codes === undefined) return;
  const bad = Array.isArray(codes) && codes.length > 0
    ? codes.find((code) => !Number.isInteger(code) || code < 1 || code > 254)
    : "none";
  if (bad !== undefined) {
    throw new InvalidArgumentError(
      `DHCP option codes are whole numbers from 1 to 254, such as 3 or 6,119; got ${
        bad === "none" ? "no code" : String(bad)
      }.`,
    );
  }
}

/** Why `options` leaves an adapter alone, or undefined when it reads it. */
function skipReason(adapter: Adapter): string | undefined {
  if (adapter.loopback) return "It is a loopback adapter, which has no DHCP lease.";
  if (!adapter.dhcpEnabled) return "DHCP is not enabled on this adapter.";
  if (adapter.operStatus !== "up") {
    return `No operation can be performed on ${adapter.friendlyName} while it has its media disconnected.`;
  }
  if (!adapter.ipv4Enabled) return "IPv4 is not enabled on this adapter.";
  return undefined;
}

const API: Record<DhcpFamily, string> = { 4: "DhcpRequestParams", 6: "Dhcpv6RequestParams" };
const INITIALIZE: Record<DhcpFamily, string> = { 4: "DhcpCApiInitialize", 6: "Dhcpv6CApiInitialize" };

/** The adapter's GUID as the LPWSTR AdapterName the DHCP client API takes, NUL-terminated. */
function adapterName(adapter: Adapter): Uint16Array {
  const name = new Uint16Array(adapter.guid.length + 1);
  for (let i = 0; i < adapter.guid.length; i++) name[i] = adapter.guid.charCodeAt(i);
  return name;
}

/** One adapter's answer: the options' bytes by code; a failure's code and reason; or the deadline. */
type Asked =
  | { answers: Map<number, Uint8Array> }
  | { code: number; reason: string }
  | { timedOut: true; started: boolean };

/**
 * DhcpRequestParams (or Dhcpv6RequestParams) for `codes`: a small buffer
 * first, then, on ERROR_MORE_DATA, the size asked for, a bounded number of
 * times, each call under the one deadline.
 */
async function ask(
  backend: Backend,
  family: DhcpFamily,
  adapter: Adapter,
  codes: readonly number[],
  deadline: number,
): Promise<Asked> {
  const api = API[family];
  let bytes = FIRST_BUFFER_BYTES;
  for (let attempt = 1; attempt <= MAX_BUFFER_ATTEMPTS; attempt++) {
    if (Date.now() >= deadline) return { timedOut: true, started: attempt > 1 };
    const params = encodeParams(codes), buffer = new Uint8Array(bytes), size = Uint32Array.of(bytes);
    const call = backend.dhcpRequestParams(family, adapterName(adapter), params, buffer, size);
    const code = await beforeDeadline(call, deadline);
    if (code === TIMED_OUT) {
      backend.abandon(call);
      return { timedOut: true, started: true };
    }
    if (code === Win32ErrorCode.ERROR_MORE_DATA) {
      const asked = size[0];
      if (asked <= bytes || asked > MAX_BUFFER_BYTES) {
        return {
          code,
          reason: `${api} asked for a buffer of ${asked} bytes after ${bytes}, which leasectl does not give.`,
        };
      }
      bytes = asked;
      continue;
    }
    if (code !== Win32ErrorCode.ERROR_SUCCESS) {
      return { code, reason: describeWin32Code(code, backend.formatMessage(code)) };
    }
    try {
      return { answers: decodeParams(codes, params, buffer, backend.addressOf(buffer), api) };
    } catch (error) {
      if (error instanceof DecodeError) {
        return { code: Win32ErrorCode.ERROR_INVALID_DATA, reason: error.message };
      }
      throw error;
    }
  }
  return {
    code: Win32ErrorCode.ERROR_MORE_DATA,
    reason: `The options grew on each of ${MAX_BUFFER_ATTEMPTS} calls of ${api}; try again.`,
  };
}

/**
 * The DHCP client API of `family`, initialized once around `work`, and cleaned up on every way out:
 * also while a request given up on at the deadline still runs: what such a request writes into is
 * leasectl's own memory, pinned until it ends, which the cleanup does not touch.
 */
async function withClient<T>(
  backend: Backend,
  family: DhcpFamily,
  work: (initialized: number) => Promise<T>,
): Promise<T> {
  const code = backend.dhcpInitialize(family);
  try {
    return await work(code);
  } finally {
    if (code === Win32ErrorCode.ERROR_SUCCESS) backend.dhcpCleanup(family);
  }
}

/** Reads the options of the adapters `adapter` selects, as `leasectl options` does. */
export async function readOptions(
  adapter: string | undefined,
  options: DhcpOptionsOptions & { backend: Backend },
): Promise<OptionsReading> {
  const { backend, timeout = DEFAULT_OPTIONS_TIMEOUT_SECONDS } = options;
  checkSeconds(options.timeout);
  checkOptionCodes(options.options);
  const wanted = adapter === undefined ? undefined : parseAdapterArgument(adapter);
  const codes = options.options ? [...new Set(options.options)] : DEFAULT_DHCPV4_OPTIONS;
  const all = readAdapters(backend);
  const selected = wanted === undefined
    ? all.filter((item) => !item.loopback && item.dhcpEnabled && item.ipv4Enabled)
    : selectAdapters(all, wanted);
  const deadline = Date.now() + timeout * 1000;

  const results = new Map<Adapter, AdapterOptions>();
  const entry = (item: Adapter, fields: Omit<AdapterOptions, "index" | "guid" | "friendlyName">) =>
    results.set(item, { index: item.index, guid: item.guid, friendlyName: item.friendlyName, ...fields });
  const actionable: Adapter[] = [];
  for (const item of selected) {
    const reason = skipReason(item);
    if (reason === undefined) actionable.push(item);
    else entry(item, { status: "skipped", code: 0, reason, options: [] });
  }

  if (actionable.length) {
    await withClient(backend, 4, async (initialized) => {
      await forEachBounded(actionable, MAX_PARALLEL_CALLS, async (item) => {
        if (initialized !== Win32ErrorCode.ERROR_SUCCESS) {
          const text = describeWin32Code(initialized, backend.formatMessage(initialized));
          return void entry(item, {
            status: "failed",
            code: initialized,
            reason: `${INITIALIZE[4]}: ${text}`,
            options: [],
          });
        }
        const asked = await ask(backend, 4, item, codes, deadline);
        if ("answers" in asked) {
          const decoded = codes.filter((code) => asked.answers.has(code))
            .map((code) => decodeOption(4, code, asked.answers.get(code)!));
          entry(item, { status: "done", code: 0, reason: null, options: decoded });
        } else if ("timedOut" in asked) {
          const reason = asked.started
            ? `The DHCP client did not answer within ${seconds(timeout)}.`
            : `The request did not start within ${
              seconds(timeout)
            }: the other adapters' calls took that long.`;
          entry(item, { status: "failed", code: Win32ErrorCode.ERROR_TIMEOUT, reason, options: [] });
        } else entry(item, { status: "failed", code: asked.code, reason: asked.reason, options: [] });
      });
    });
    const done = actionable.filter((item) => results.get(item)!.status === "done" && item.ipv6Enabled);
    if (!options.options && done.length) await addDhcpv6(backend, done, results, deadline);
  }
  return {
    adapters: selected.map((item) => results.get(item)!),
    dhcpSelected: selected.some((item) => !item.loopback && item.dhcpEnabled),
  };
}

/**
 * DHCPv6 23 and 24, where Windows answers: never where the backend says the
 * calls would end the process (Wine), nor where dhcpcsvc6.dll will not load.
 * What this client does not answer is left out; it never fails an adapter
 * whose DHCPv4 options were read.
 */
async function addDhcpv6(
  backend: Backend,
  adapters: readonly Adapter[],
  results: Map<Adapter, AdapterOptions>,
  deadline: number,
): Promise<void> {
  if (!backend.dhcpv6Callable()) return;
  try {
    await withClient(backend, 6, async (initialized) => {
      if (initialized !== Win32ErrorCode.ERROR_SUCCESS) return;
      await forEachBounded(adapters, MAX_PARALLEL_CALLS, async (item) => {
        const asked = await ask(backend, 6, item, DEFAULT_DHCPV6_OPTIONS, deadline);
        if (!("answers" in asked)) return;
        const decoded = DEFAULT_DHCPV6_OPTIONS.filter((code) => asked.answers.has(code))
          .map((code) => decodeOption(6, code, asked.answers.get(code)!));
        results.get(item)!.options.push(...decoded);
      });
    });
  } catch (error) {
    if (!(error instanceof LibraryLoadError)) throw error;
  }
}
