/**
 * The CLI's human output, worded and laid out like ipconfig's.
 *
 * @module
 */

import { win32ErrorName } from "../ffi/win32_errors.ts";
import { PAST } from "./operations.ts";
import {
  type Adapter,
  type AdapterOutcome,
  type Operation,
  type OperationResult,
  ReturnValue,
} from "./types.ts";

const LABEL_WIDTH = 36;

/** An ipconfig-style line: the label dotted out to a fixed width, then the value(s). */
function line(label: string, values: string | readonly string[]): string {
  const list = typeof values === "string" ? [values] : values;
  if (list.length === 0) return "";
  let dotted = label;
  while (dotted.length < LABEL_WIDTH) dotted += dotted.length % 2 ? " " : ".";
  const indent = " ".repeat(3 + LABEL_WIDTH + 2);
  return `   ${dotted}: ${list.join(`\n${indent}`)}\n`;
}

const KIND: Record<number, string> = { 6: "Ethernet", 24: "Loopback", 71: "Wireless LAN", 131: "Tunnel" };

const localTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "full", timeStyle: "medium" });

/** One adapter as `ipconfig /all` shows it, with its interface index. */
export function describeAdapter(adapter: Adapter): string {
  const heading = `${KIND[adapter.interfaceType] ?? "Unknown"} adapter ${adapter.friendlyName}:\n\n`;
  const connected = adapter.operStatus === "up";
  return heading + [
    connected
      ? ""
      : line("Media State", adapter.operStatus === "down" ? "Media disconnected" : adapter.operStatus),
    line("Description", adapter.description),
    line("Physical Address", adapter.mac ?? []),
    line("DHCP Enabled", adapter.dhcpEnabled ? "Yes" : "No"),
    line("IPv4 Address", adapter.ipv4),
    line("IPv6 Address", adapter.ipv6),
    line("Lease Obtained", adapter.leaseObtained ? localTime(adapter.leaseObtained) : []),
    line("Lease Expires", adapter.leaseExpires ? localTime(adapter.leaseExpires) : []),
    line("Default Gateway", adapter.gateways),
    line("DHCP Server", adapter.dhcpServer ?? []),
    line("DNS Servers", adapter.dnsServers),
    line("Interface Index", String(adapter.index)),
  ].join("");
}

const addresses = (list: readonly string[]) => list.length ? list.join(", ") : "none";

/** One line for an adapter's outcome, printed as soon as it is known. */
export function describeOutcome(operation: Operation, outcome: AdapterOutcome): string {
  const name = outcome.friendlyName;
  if (outcome.status === "done") {
    return `${name}: ${PAST[operation]}. IPv4 ${addresses(outcome.ipv4Before)} -> ${
      addresses(outcome.ipv4After)
    }\n`;
  }
  if (outcome.status === "skipped") return `${name}: skipped. ${outcome.reason}\n`;
  return `${name}: failed (${win32ErrorName(outcome.code)}, ${outcome.code}). ${outcome.reason}\n`;
}

const plural = (count: number) => `${count} ${count === 1 ? "adapter" : "adapters"}`;

/** The closing summary of a release or renew. */
export function describeResult(result: OperationResult, dryRun: boolean): string {
  const { operation, returnValue, adapters } = result;
  if (returnValue === ReturnValue.DhcpNotEnabled) {
    return `No adapter is in the state permissible for this operation: none of those selected has DHCP enabled ` +
      `(return value ${returnValue}).\n`;
  }
  if (dryRun) {
    const planned = adapters.filter((outcome) => outcome.reason?.startsWith("Dry run")).length;
    return `Dry run: ${plural(planned)} would be ${PAST[operation]}; nothing was changed.\n`;
  }
  const done = adapters.filter((outcome) => outcome.status === "done").length;
  const failed = adapters.filter((outcome) => outcome.status === "failed").length;
  const attempted = done + failed;
  const verb = operation === "release" ? "Released" : "Renewed";
  const failures = failed ? `; ${failed} failed` : "";
  return `${verb} ${done} of ${plural(attempted)}${failures} (return value ${returnValue}).\n`;
}
