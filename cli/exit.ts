/**
 * The exit statuses (docs/contracts.md), all in one place: what a result
 * exits with, and what an error exits with, in the words that tell the user
 * what to do.
 *
 * @module
 */

import {
  AdapterNotFoundError,
  type CycleResult,
  DecodeError,
  InvalidArgumentError,
  LibraryLoadError,
  type OperationResult,
  PermissionError,
  ReturnValue,
  UnsupportedPlatformError,
  Win32Error,
} from "../mod.ts";
import { UsageError } from "./parse.ts";

/** Exit statuses, as the contract has them. */
export const ExitCode = {
  Success: 0,
  OperationFailed: 1,
  Usage: 2,
  Environment: 3,
  Interrupted: 130,
} as const;

/** 0 when the operation's return value is 0 (skips included), 1 otherwise. */
export function exitForResult(result: OperationResult): number {
  return result.returnValue === ReturnValue.Success ? ExitCode.Success : ExitCode.OperationFailed;
}

/** 0 when every step succeeded; 1 when the return value is not 0, or the flushdns step failed. */
export function exitForCycle(result: CycleResult): number {
  const failed = result.returnValue !== ReturnValue.Success || result.flushdns.status === "failed";
  return failed ? ExitCode.OperationFailed : ExitCode.Success;
}

/** The exit status for an error, and the words that tell the user what to do. */
export function exitForError(error: unknown): [number, string] {
  if (error instanceof UsageError) return [ExitCode.Usage, `${error.message} Run leasectl --help for usage.`];
  if (error instanceof InvalidArgumentError || error instanceof AdapterNotFoundError) {
    return [ExitCode.Usage, error.message];
  }
  if (
    error instanceof UnsupportedPlatformError || error instanceof PermissionError ||
    error instanceof LibraryLoadError
  ) {
    return [ExitCode.Environment, error.message];
  }
  if (error instanceof Win32Error) return [ExitCode.OperationFailed, error.message];
  if (error instanceof DecodeError) {
    return [
      ExitCode.OperationFailed,
      `${
        error.message.replace(/\.$/, "")
      }. This is Windows' data, not yours: try again, and if it persists, ` +
      "report it with the output of ipconfig /all.",
    ];
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return [
    ExitCode.OperationFailed,
    `Unexpected error: ${message.replace(/\.$/, "")}. Please report it with the command you ran.`,
  ];
}
