/**
 * Opens the `--log` file for appending so that no link can steer it: a
 * symbolic link, junction or mount point anywhere in its path is refused
 * (an elevated leasectl must not append to a file that a standard user chose
 * by planting a link in a folder they can create; docs/trust.md).
 *
 * The test is the path's real one, as Windows resolves it
 * (`realpathSync.native`: GetFinalPathNameByHandleW), against the path given:
 * any link in any component makes them differ. It is made before the open (so
 * that nothing is created through a link already there) and again after it,
 * where the opened file must also be the very file now at the link-free path
 * (same volume and file index) and have one name only (no hard link): a link
 * planted between the two checks is caught before anything is written. What
 * stays open is at most an empty file created at a link's target in that
 * instant. Node's and Deno's `lstat` are not used: under Wine neither sees a
 * Unix symbolic link as a link at all.
 *
 * @module
 */

import { dirname, resolve } from "node:path";
import { PermissionError } from "../ffi/errors.ts";
import { InvalidArgumentError } from "./errors.ts";
import { shown, shownInMessage } from "./escape.ts";

type Fs = typeof import("node:fs");

/** Deno's permission API, where there is one (Node has none to ask). */
const denoPermissions = (globalThis as {
  Deno?: { permissions: { querySync(d: { name: string; path: string }): { state: string } } };
}).Deno?.permissions;

/** Windows paths compare without regard to case. */
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function linked(path: string, real: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `leasectl does not write its log through a link: ${shownInMessage(path)} leads to ${
      shownInMessage(real)
    }. ` +
      "Give the path of a file none of whose folders is a symbolic link, junction or mount point.",
  );
}

/** Refuses `path` (absolute) when it, or the folder it would be created in, is reached through a link. */
function checkReal(fs: Fs, path: string): void {
  const exists = fs.existsSync(path);
  const target = exists ? path : dirname(path);
  let real: string;
  try {
    real = fs.realpathSync.native(target);
  } catch {
    return; // A missing folder: the open says so, in its own words.
  }
  if (!same(real, target)) throw linked(target, real);
}

/** Opens `path` for appending, refusing it if a link leads there; returns the file descriptor. */
export function openLogWithoutLinks(fs: Fs, path: string): number {
  const absolute = resolve(path);
  if (
    denoPermissions?.querySync({ name: "write", path: absolute }).state === "granted" &&
    denoPermissions.querySync({ name: "read", path: absolute }).state !== "granted"
  ) {
    throw new PermissionError(
      `leasectl checks that no link leads to its log before writing it, which needs read access to ${
        shown(absolute)
      }. In Deno, add --allow-read=${shown(absolute)} as well.`,
    );
  }
  checkReal(fs, absolute);
  const fd = fs.openSync(absolute, "a");
  try {
    const real = fs.realpathSync.native(absolute);
    if (!same(real, absolute)) throw linked(absolute, real);
    const opened = fs.fstatSync(fd), there = fs.statSync(absolute);
    if (opened.dev !== there.dev || opened.ino !== there.ino) throw linked(absolute, "another file");
    if (opened.nlink > 1) {
      throw new InvalidArgumentError(
        `leasectl does not write its log to a file with more than one name (a hard link): ${
          shownInMessage(absolute)
        }. Give the path of a file of its own.`,
      );
    }
    return fd;
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}
