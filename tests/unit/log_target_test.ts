// The --log path check (lib/log_target.ts) in Deno's own node:fs: a link
// anywhere in the path is refused, before anything is written; a plain path
// opens for appending. (Under Wine, Deno's and Node's lstat do not see a Unix
// symbolic link at all; tests/exe shows the check there, in leasectl.exe.)
import assert from "node:assert/strict";
import fs from "node:fs";
import { InvalidArgumentError } from "../../lib/errors.ts";
import { openLogWithoutLinks } from "../../lib/log_target.ts";

async function folderWithLinks(): Promise<string> {
  const folder = await Deno.makeTempDir({ prefix: "leasectl-log-" });
  await Deno.mkdir(`${folder}/logs`);
  await Deno.writeTextFile(`${folder}/victim.txt`, "kept\n");
  await Deno.symlink(`${folder}/victim.txt`, `${folder}/logs/link.log`);
  await Deno.symlink(`${folder}/logs`, `${folder}/linked`);
  await Deno.link(`${folder}/victim.txt`, `${folder}/logs/hard.log`);
  return folder;
}

Deno.test("a --log path that is a symbolic link, or has one among its folders, is refused and nothing is written", async () => {
  const folder = await folderWithLinks();
  try {
    for (const path of [`${folder}/logs/link.log`, `${folder}/linked/new.log`, `${folder}/linked/link.log`]) {
      assert.throws(
        () => openLogWithoutLinks(fs, path),
        (error: Error) =>
          error instanceof InvalidArgumentError &&
          /does not write its log through a link/.test(error.message),
      );
    }
    assert.equal(await Deno.readTextFile(`${folder}/victim.txt`), "kept\n");
    assert.deepEqual([...Deno.readDirSync(`${folder}/logs`)].map((e) => e.name).sort(), [
      "hard.log",
      "link.log",
    ]);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("a --log file with a second name (a hard link) is refused", async () => {
  const folder = await folderWithLinks();
  try {
    assert.throws(
      () => openLogWithoutLinks(fs, `${folder}/logs/hard.log`),
      /more than one name \(a hard link\)/,
    );
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("a plain --log path is opened for appending, and what was there is kept", async () => {
  const folder = await folderWithLinks();
  try {
    const path = `${folder}/logs/plain.log`;
    await Deno.writeTextFile(path, "before\n");
    const fd = openLogWithoutLinks(fs, path);
    fs.writeSync(fd, "after\n");
    fs.closeSync(fd);
    assert.equal(await Deno.readTextFile(path), "before\nafter\n");
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});
