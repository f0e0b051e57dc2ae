/**
 * `--log FILE`: one JSON line per adapter outcome as it is known, then the
 * whole result, each flushed to disk, so that an admin who reconnects after the
 * network went away can read what happened. {@linkcode OutcomeLog.open} is the
 * one place the file is opened.
 *
 * @module
 */

import { InvalidArgumentError, PermissionError } from "../mod.ts";
import { shown, shownInMessage } from "../lib/escape.ts";
import { jsonText } from "./json.ts";

/**
 * The `--log` file: opened for appending (created if missing, never truncated)
 * before anything is done, so that a missing permission stops leasectl first.
 * Each line is flushed to disk as it is written.
 */
export class OutcomeLog {
  readonly #fs: typeof import("node:fs");
  readonly #fd: number;

  private constructor(fs: typeof import("node:fs"), fd: number) {
    this.#fs = fs;
    this.#fd = fd;
  }

  /** Opens `path`; node:fs loads only here, so that a run without --log starts sooner. */
  static async open(path: string): Promise<OutcomeLog> {
    const fs = await import("node:fs");
    try {
      return new OutcomeLog(fs, fs.openSync(path, "a"));
    } catch (error) {
      const name = (error as Error).name, code = (error as { code?: string }).code;
      if (name === "NotCapable" || name === "PermissionDenied" || code === "ERR_ACCESS_DENIED") {
        throw new PermissionError(
          // The path whole (escaped, not cut): the flag must name exactly this file.
          `leasectl was not given permission to write its log to ${shown(path)}. In Deno, add ` +
            `--allow-write=${shown(path)}; under Node's --permission, --allow-fs-write=${shown(path)}.`,
        );
      }
      throw new InvalidArgumentError(
        `leasectl cannot open the log file ${shownInMessage(path)} (${(error as Error).message}). ` +
          "Give the path of a file in a folder that exists.",
      );
    }
  }

  /** Appends one JSON line and flushes it to disk; a failed write never stops the work. */
  write(value: unknown): void {
    try {
      this.#fs.writeSync(this.#fd, `${jsonText(value)}\n`);
      this.#fs.fsyncSync(this.#fd);
    } catch {
      // The log is a record for later; the operation itself goes on.
    }
  }

  /** Closes the file; it may be closed already. */
  close(): void {
    try {
      this.#fs.closeSync(this.#fd);
    } catch {
      // already closed
    }
  }
}

/** What a command writes outcomes to: the log file, or nothing without --log. */
export interface OutcomeSink {
  /** Records one line. */
  write(value: unknown): void;
}

const NO_LOG: OutcomeSink = { write() {} };

/** Runs `work` with the log `path` names open (or with no log), and closes it after, whatever happens. */
export async function withOutcomeLog<T>(
  path: string | undefined,
  work: (log: OutcomeSink) => Promise<T>,
): Promise<T> {
  if (path === undefined) return await work(NO_LOG);
  const log = await OutcomeLog.open(path);
  try {
    return await work(log);
  } finally {
    log.close();
  }
}
