/**
 * A backend for tests on any OS: it serves buffers built from the probed
 * layouts for a list of fake adapters, and records every release/renew it gets.
 */

import type { Backend, ProgramRun } from "../../testing.ts";
import type { NotificationKind, RowNotification } from "../../ffi/backend.ts";
import { LibraryLoadError, Win32Error } from "../../ffi/errors.ts";
import { IP_ADAPTER_INDEX_MAP } from "../../ffi/layouts.ts";
import { notificationKinds } from "../../ffi/notification_kinds.ts";
import {
  buildAdapterAddresses,
  buildAdapterInfo,
  buildInterfaceInfo,
  buildNetworkParams,
  deviceNameOf,
  FAKE_BASE,
  type FakeAdapter,
} from "../../harness/win32_buffers.ts";
import { fakeDhcp, type FakeDhcpBehaviour, type FakeDhcpLog } from "./fake_dhcp.ts";

const MESSAGES: Record<number, string> = {
  5: "Access is denied.",
  50: "The request is not supported.",
  121: "The semaphore timeout period has expired.",
  1460: "This operation returned because the timeout period expired.",
};

/** One release or renew the fake received. */
export interface FakeCall {
  api: "IpReleaseAddress" | "IpRenewAddress";
  index: number;
  name: string;
}

/** How the fake answers, beyond serving its adapters. */
export interface FakeBehaviour {
  /** The code (or promise of one) a release/renew of `adapter` returns; 0 by default. */
  answer?: (api: FakeCall["api"], adapter: FakeAdapter) => number | Promise<number>;
  /** What GetInterfaceInfo answers when no adapter is IPv4-bound: ERROR_NO_DATA, or NumAdapters 0. */
  emptyInterfaceInfo?: "no-data" | "zero";
  /** Adapters that appear on each GetAdaptersAddresses call, to make the size grow between calls. */
  growBy?: FakeAdapter[][];
  /** Code GetAdaptersAddresses answers instead of data. */
  addressesFail?: number;
  /** How many GetAdaptersAddresses calls succeed before it answers ERROR_ACCESS_DENIED. */
  addressCallsBeforeFailing?: number;
  /** Whether DnsFlushResolverCache succeeds. */
  flushSucceeds?: boolean;
  /** What ipconfig does for `args`; exit 0 by default, taking the DHCPv6 (2001:db8:…) addresses away or back. */
  ipconfig?: (args: readonly string[], signal: AbortSignal) => Promise<ProgramRun> | ProgramRun;
  /** Refuse to run ipconfig, as a runtime without the permission does. */
  ipconfigRefused?: Error;
  /** The code GetInterfaceInfo answers instead of data. */
  interfacesFail?: number;
  /** How an adapter looks `ms` after its last successful renew: an address that comes late, a gateway later. */
  afterRenew?: (adapter: FakeAdapter, ms: number) => Partial<FakeAdapter>;
  /**
   * Change notifications: "live" registers them, and a release or renew that succeeds
   * notifies an address and an interface change; "refused" fails to register with
   * ERROR_NOT_SUPPORTED; "missing" lacks the functions. Without it, the fake has none.
   */
  notifications?: "live" | "refused" | "missing";
  /** How the DHCP client API answers (`options`). */
  dhcp?: FakeDhcpBehaviour;
}

/** One native registration the fake made for change notifications. */
export interface FakeRegistration {
  kind: NotificationKind;
  /** False once cancelled. */
  live: boolean;
  onNotification: (notification: RowNotification) => void;
}

/** A fake backend and what it saw. */
export interface Fake extends Backend {
  calls: FakeCall[];
  abandoned: number;
  addressCalls: number;
  flushes: number;
  /** The arguments of every ipconfig run. */
  ipconfigRuns: string[][];
  /** Every registration for change notifications, cancelled ones included. */
  registrations: FakeRegistration[];
  /** Fires a notification to each live registration of `kind`, as Windows' thread would (type 0: a parameter change). */
  notify(kind: NotificationKind, index: number, type?: number): void;
  /** What the DHCP client API received. */
  dhcp: FakeDhcpLog;
}

/** Copies `data` into the caller's buffer, or asks for a larger one. */
function serve(data: Uint8Array, buffer: Uint8Array, size: Uint32Array, tooSmall: number): number {
  if (size[0] < data.length || buffer.length < data.length) {
    size[0] = data.length;
    return tooSmall;
  }
  buffer.set(data);
  return 0;
}

function readIndexMap(map: Uint8Array): { index: number; name: string } {
  const view = new DataView(map.buffer, map.byteOffset, map.byteLength);
  let name = "";
  for (let at = IP_ADAPTER_INDEX_MAP.Name; view.getUint16(at, true) !== 0; at += 2) {
    name += String.fromCharCode(view.getUint16(at, true));
  }
  return { index: view.getUint32(IP_ADAPTER_INDEX_MAP.Index, true), name };
}

/** A backend over `adapters`: release takes their IPv4 addresses away, renew gives them back. */
export function fakeBackend(adapters: FakeAdapter[], behaviour: FakeBehaviour = {}): Fake {
  const released = new Set<string>(), released6 = new Set<string>();
  const renewedAt = new Map<string, number>();
  const current = () => {
    const grown = (behaviour.growBy ?? []).slice(0, fake.addressCalls).flat();
    return [...adapters, ...grown].map((adapter) => {
      let addresses = adapter.addresses ?? [];
      let gateways = adapter.gateways;
      if (released.has(adapter.guid)) {
        // A released adapter loses its IPv4 addresses and its IPv4 default gateway with them.
        addresses = addresses.filter((a) => a.includes(":"));
        gateways = gateways?.filter((a) => a.includes(":"));
      }
      if (released6.has(adapter.guid)) addresses = addresses.filter((a) => !a.startsWith("2001:db8:"));
      const renewed = renewedAt.get(adapter.guid);
      const late = renewed === undefined ? {} : behaviour.afterRenew?.(adapter, Date.now() - renewed) ?? {};
      return { ...adapter, addresses, gateways, ...late };
    });
  };
  const call = async (api: FakeCall["api"], map: Uint8Array) => {
    const { index, name } = readIndexMap(map);
    fake.calls.push({ api, index, name });
    const adapter = adapters.find((candidate) =>
      deviceNameOf(candidate).toLowerCase() === name.toLowerCase()
    );
    if (!adapter) return 87;
    const code = await (behaviour.answer?.(api, adapter) ?? 0);
    if (code === 0 && api === "IpReleaseAddress") released.add(adapter.guid);
    if (code === 0 && api === "IpRenewAddress") {
      released.delete(adapter.guid);
      renewedAt.set(adapter.guid, Date.now());
    }
    if (code === 0 && behaviour.notifications === "live") {
      fake.notify("address", adapter.index, api === "IpReleaseAddress" ? 2 : 1);
      fake.notify("interface", adapter.index);
    }
    return code;
  };
  const fake: Fake = {
    ...fakeDhcp(behaviour.dhcp),
    calls: [],
    abandoned: 0,
    addressCalls: 0,
    flushes: 0,
    ipconfigRuns: [],
    registrations: [],
    notify(kind, index, type = 0) {
      for (const registration of fake.registrations) {
        if (registration.live && registration.kind === kind) {
          // A route notification is a default route's: a gateway that came or went.
          const route = kind === "route" ? { prefixLength: 0 } : {};
          registration.onNotification({ kind, type, family: 2, index, address: null, ...route });
        }
      }
    },
    getAdaptersAddresses(family, _flags, buffer, size) {
      fake.addressCalls++;
      if (behaviour.addressesFail) return behaviour.addressesFail;
      if (fake.addressCalls > (behaviour.addressCallsBeforeFailing ?? Infinity)) return 5;
      const all = current();
      return all.length ? serve(buildAdapterAddresses(all, family), buffer, size, 111) : 232;
    },
    getInterfaceInfo(table, size) {
      if (behaviour.interfacesFail) return behaviour.interfacesFail;
      const bound = adapters.filter((adapter) =>
        adapter.ipv4Bound !== false && adapter.ifType !== 24 && !adapter.unlisted
      );
      if (bound.length === 0 && behaviour.emptyInterfaceInfo !== "zero") return 232;
      const entries = bound.map((adapter) => ({ index: adapter.index, name: deviceNameOf(adapter) }));
      return serve(buildInterfaceInfo(entries), table, size, 122);
    },
    getAdaptersInfo(buffer, size) {
      const data = buildAdapterInfo(current());
      return data.length ? serve(data, buffer, size, 111) : 232;
    },
    addressOf: () => FAKE_BASE,
    ipReleaseAddress: (map) => call("IpReleaseAddress", map),
    ipRenewAddress: (map) => call("IpRenewAddress", map),
    abandon: () => void fake.abandoned++,
    getNetworkParams: (buffer, size) =>
      serve(
        buildNetworkParams({ hostName: "LAPTOP-1", domainName: "corp.example", nodeType: 8 }),
        buffer,
        size,
        111,
      ),
    formatMessage: (code) => MESSAGES[code],
    flushDnsResolverCache: () => {
      fake.flushes++;
      return behaviour.flushSucceeds ?? true;
    },
    ipconfigPath() {
      if (behaviour.ipconfigRefused) throw behaviour.ipconfigRefused;
      return "C:\\Windows\\system32\\ipconfig.exe";
    },
    async runIpconfig(args, signal) {
      fake.ipconfigRuns.push([...args]);
      const run = await (behaviour.ipconfig?.(args, signal) ?? { exitCode: 0, output: "" });
      const adapter = adapters.find((candidate) => candidate.friendlyName === args[1]);
      if (run.exitCode === 0 && adapter) {
        args[0] === "/release6" ? released6.add(adapter.guid) : released6.delete(adapter.guid);
      }
      return run;
    },
  };
  if (behaviour.notifications) {
    fake.notifyChanges = (kind, onNotification) => {
      const name = notificationKinds[kind].register;
      if (behaviour.notifications === "missing") throw new LibraryLoadError(name, ["fake"]);
      if (behaviour.notifications === "refused") throw new Win32Error(name, 50, MESSAGES[50]);
      const registration: FakeRegistration = { kind, live: true, onNotification };
      fake.registrations.push(registration);
      return {
        cancel: () => Promise.resolve().then(() => void (registration.live = false)),
      };
    };
  }
  return fake;
}

/** The adapters of a typical Windows laptop (harness/adapters.json), as a test fixture. */
export { laptop } from "../../harness/adapters.ts";
