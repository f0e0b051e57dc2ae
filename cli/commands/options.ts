/**
 * `leasectl options [ADAPTER]`: its `--option` list, its human output laid out
 * like `ipconfig /all` (a dotted label column, one value per line), and its
 * exit status.
 *
 * @module
 */

import { defaultBackend } from "../../ffi/deno_backend.ts";
import { type DecodedOption, optionKind } from "../../ffi/codecs/dhcp_options.ts";
import { ELEVATE, isAccessDenied } from "../../ffi/win32_errors.ts";
import { InvalidArgumentError } from "../../lib/errors.ts";
import { shown, shownInMessage } from "../../lib/escape.ts";
import { type AdapterOptions, readOptions } from "../../lib/options.ts";
import { ExitCode } from "../exit.ts";
import { jsonText } from "../json.ts";
import type { Command } from "./context.ts";

const CODE = /^[0-9]{1,3}$/;

/** The codes of `--option 3,6,119`: decimal, 1–254, at most each once. */
export function parseOptionList(text: string): number[] {
  const parts = text.split(",").map((part) => part.trim());
  const bad = parts.find((part) => !CODE.test(part) || Number(part) < 1 || Number(part) > 254);
  if (bad !== undefined) {
    throw new InvalidArgumentError(
      `--option takes DHCP option codes from 1 to 254, separated by commas, such as 3,6,119; got "${
        shownInMessage(bad)
      }". Run leasectl --help for usage.`,
    );
  }
  return [...new Set(parts.map(Number))];
}

const LABEL_WIDTH = 34;
const INDENT = " ".repeat(3 + LABEL_WIDTH + 2);

/** An ipconfig-style line, as lib/cli_text.ts lays its out: the label dotted to a fixed width, one value per line. */
function line(label: string, values: readonly string[]): string {
  let dotted = label;
  while (dotted.length < LABEL_WIDTH) dotted += dotted.length % 2 ? " " : ".";
  return `   ${dotted}: ${values.map(shown).join(`\n${INDENT}`)}`.trimEnd() + "\n";
}

/** An option's value as lines of text; its bytes where they did not decode. */
function valueLines(option: DecodedOption): string[] {
  const { value } = option;
  if (value === null) return [`(malformed: ${option.raw || "no bytes"})`];
  if (typeof value === "number") return [String(value)];
  // Hex (an unknown code, vendor-specific 43) 32 digits a line, so that a long option stays readable.
  if (optionKind(option.family, option.code).type === "hex") {
    return value.toString().match(/.{1,32}/g) ?? [""];
  }
  if (typeof value === "string") return [value];
  return value.map((item) => typeof item === "string" ? item : `${item.destination} via ${item.router}`);
}

/** One adapter's section: a heading, then its options or why there are none. */
export function describeAdapterOptions(adapter: AdapterOptions): string {
  let text = `\n${adapter.friendlyName}:\n\n`;
  if (adapter.status !== "done") {
    const what = adapter.status === "skipped" ? "Skipped" : `Failed (${adapter.code})`;
    return `${text}   ${what}: ${adapter.reason}\n`;
  }
  if (adapter.options.length === 0) return `${text}   The DHCP client holds none of the options asked for.\n`;
  for (const option of adapter.options) {
    text += line(optionKind(option.family, option.code).label, valueLines(option));
  }
  return text;
}

/** Reads the options of the adapters the request names. */
export const execute: Command = async (request, { io }) => {
  const options = request.option === undefined ? undefined : parseOptionList(request.option);
  // The library's own reading, for whether the selection held a DHCP-enabled adapter at all.
  const reading = await readOptions(request.adapter, {
    backend: io.backend ?? defaultBackend(),
    options,
    timeout: request.timeout,
  });
  const { adapters } = reading;
  if (request.json) await io.stdout(`${jsonText(adapters, 2)}\n`);
  else await io.stdout(adapters.map(describeAdapterOptions).join("") || "\nNo adapter has DHCP enabled.\n");
  if (!request.json && adapters.some((adapter) => isAccessDenied(adapter.code))) {
    await io.stderr(`${ELEVATE}\n`);
  }
  // As release and renew: a failure, or a selection without a DHCP-enabled adapter, is exit status 1.
  const failed = adapters.some((adapter) => adapter.status === "failed") || !reading.dhcpSelected;
  return failed ? ExitCode.OperationFailed : ExitCode.Success;
};
