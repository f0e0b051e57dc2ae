/**
 * `leasectl list [ADAPTER]`: the adapters, as `ipconfig /all` shows them, or as JSON.
 *
 * @module
 */

import { hostInfo, listAdapters } from "../../mod.ts";
import { ExitCode } from "../exit.ts";
import type { Command } from "./context.ts";

/** Lists the adapters the request names; the host section only for the whole list. */
export const execute: Command = async ({ adapter }, { io, reporter }) => {
  const { backend } = io;
  const adapters = await listAdapters(adapter, { backend });
  await reporter.list(
    adapters,
    () => adapter === undefined ? hostInfo({ backend }).catch(() => undefined) : Promise.resolve(undefined),
  );
  return ExitCode.Success;
};
