/**
 * `leasectl flushdns`: empties the DNS resolver cache, as `ipconfig /flushdns` does.
 *
 * @module
 */

import { flushDns } from "../../mod.ts";
import { ExitCode } from "../exit.ts";
import type { Command } from "./context.ts";

/** Flushes the cache; a failure is thrown, and exits as its kind says. */
export const execute: Command = async (_request, { io, reporter }) => {
  await flushDns({ backend: io.backend });
  await reporter.flushed();
  return ExitCode.Success;
};
