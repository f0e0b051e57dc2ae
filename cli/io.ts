/**
 * Where the CLI writes: the process's streams, written so that a terminal that
 * went away never stops the work, and escaped so that nothing from Windows or
 * the user reaches a terminal raw.
 *
 * @module
 */

import process from "node:process";
import type { Backend } from "../testing.ts";
import { safeForTerminal } from "../lib/escape.ts";

/** Where the CLI writes, and which native calls it uses; tests pass their own. */
export interface CliIo {
  /** Writes to standard output, resolving once the text is handed over. */
  stdout(text: string): Promise<void>;
  /** Writes to standard error, resolving once the text is handed over. */
  stderr(text: string): Promise<void>;
  /** The native calls to use; the system's DLLs by default. */
  backend?: Backend;
  /**
   * Called once a cycle's release has begun, with what to do on Ctrl-C; returns
   * a function that stops listening. By default, the process's SIGINT and SIGHUP.
   */
  onInterrupt?: (handler: () => void) => () => void;
}

/**
 * `io` with human text escaped at the sink; JSON output (`json`, as the parsed
 * request says) is left as it is, since JSON keeps the exact string.
 */
export function terminalSafe(io: CliIo, json: boolean): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(json ? text : safeForTerminal(text)),
    stderr: (text) => io.stderr(safeForTerminal(text)),
  };
}

/**
 * Writes to a stream, never failing: a terminal that went away (an SSH or RDP
 * session dropping as the address goes) must not stop the work. Resolves when
 * the text is handed over, or after a second at most.
 */
const write = (stream: NodeJS.WriteStream) => (text: string) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      stream.write(text, done);
    } catch {
      done();
    }
  });

/** The process's stdout and stderr. */
export const processIo: CliIo = { stdout: write(process.stdout), stderr: write(process.stderr) };

/** Makes failed writes to the process's streams harmless: an error event would otherwise end the process. */
export function ignoreStreamErrors(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
}
