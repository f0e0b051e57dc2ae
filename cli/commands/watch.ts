/**
 * `leasectl watch [ADAPTER]`: one line per change until Ctrl-C or --timeout,
 * both exit 0, with every registration cancelled and its callback closed before
 * it returns.
 *
 * @module
 */

import { watch } from "../../mod.ts";
import { ExitCode } from "../exit.ts";
import { listenToProcess } from "../signals.ts";
import type { Command } from "./context.ts";

const FALLBACK =
  "leasectl: change notifications are not available here; reading the adapters every 250 ms instead.\n";

/** Watches the adapters the request names. */
export const execute: Command = async (request, { io, reporter }) => {
  const controller = new AbortController();
  const stop = () => controller.abort();
  const stopListening = (io.onInterrupt ?? listenToProcess)(stop);
  const timer = request.timeout === undefined
    ? undefined
    : setTimeout(stop, Math.max(0, request.timeout) * 1000);
  try {
    const changes = watch(request.adapter, {
      backend: io.backend,
      signal: controller.signal,
      onFallback: () => void io.stderr(FALLBACK),
    });
    for await (const change of changes) await reporter.change(change);
  } finally {
    stopListening();
    clearTimeout(timer);
  }
  return ExitCode.Success;
};
