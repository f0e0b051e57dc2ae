/**
 * Ctrl-C, and a console closing, as the CLI hears them.
 *
 * @module
 */

import process from "node:process";

/** Listens for Ctrl-C, and for SIGHUP (a console closing) where the runtime reports it. */
export function listenToProcess(handler: () => void): () => void {
  const signals = (["SIGINT", "SIGHUP"] as const).filter((signal) => {
    try {
      process.on(signal, handler);
      return true;
    } catch {
      return false; // Deno on Windows reports SIGINT and SIGBREAK only
    }
  });
  return () => signals.forEach((signal) => process.off(signal, handler));
}
