/** Runs the CLI in this process, as the unit tests do, capturing what it prints. */

import { main } from "../../cli.ts";
import type { Backend } from "../../testing.ts";
import { fakeBackend, laptop } from "./fake_backend.ts";

/** What a CLI run printed, and its exit status. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `leasectl args` against `backend` (a laptop's adapters by default);
 * `onInterrupt` stands in for the process's Ctrl-C.
 */
export async function cli(
  args: string[],
  backend: Backend = fakeBackend(laptop()),
  onInterrupt?: (handler: () => void) => () => void,
): Promise<CliRun> {
  let stdout = "", stderr = "";
  const code = await main(args, {
    stdout: (text) => Promise.resolve(void (stdout += text)),
    stderr: (text) => Promise.resolve(void (stderr += text)),
    backend,
    onInterrupt,
  });
  return { code, stdout, stderr };
}
