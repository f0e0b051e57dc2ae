import assert from "node:assert/strict";
import { parseCommandLine, UsageError } from "../../cli/parse.ts";

const usageError = (args: string[]): string => {
  const parsed = parseCommandLine(args);
  assert.ok(parsed instanceof UsageError, `${JSON.stringify(args)} parsed as ${JSON.stringify(parsed)}`);
  return parsed.message;
};

Deno.test("parseCommandLine reads a command, its adapter and every option into one request", () => {
  assert.deepEqual(
    parseCommandLine([
      "renew",
      "Ethernet*",
      "--json",
      "--dry-run",
      "--timeout",
      "2.5",
      "--wait",
      ".5",
      "--log",
      "x",
    ]),
    {
      command: "renew",
      adapter: "Ethernet*",
      json: true,
      dryRun: true,
      timeout: 2.5,
      wait: 0.5,
      log: "x",
    },
  );
  assert.deepEqual(parseCommandLine(["list"]), {
    command: "list",
    adapter: undefined,
    json: false,
    dryRun: false,
    timeout: undefined,
    wait: undefined,
    log: undefined,
  });
});

Deno.test("parseCommandLine answers --help and --version before anything else", () => {
  assert.deepEqual(parseCommandLine(["renew", "-h"]), { command: "help" });
  assert.deepEqual(parseCommandLine(["--version"]), { command: "version" });
});

Deno.test("parseCommandLine returns, never throws, a usage error that says what is wrong", () => {
  assert.equal(usageError([]), "No command given.");
  assert.match(usageError(["renw"]), /^Unknown command "renw"\. The commands are list, release, /);
  assert.equal(usageError(["list", "--wait", "5"]), "--wait applies only to renew and cycle.");
  assert.equal(usageError(["flushdns", "Ethernet"]), "flushdns takes no adapter.");
  assert.match(usageError(["renew", "a", "b"]), /at most one adapter, and got 2/);
  assert.equal(
    usageError(["renew", "--timeout"]),
    "--timeout takes a number of seconds above 0, such as 30.",
  );
  assert.match(usageError(["renew", "--timeout", "1e3"]), /got "1e3"\.$/);
  assert.equal(usageError(["renew", "--log"]), "--log takes the path of a file to append to.");
});

Deno.test('parseCommandLine keeps a positional "--json" after -- as the adapter, not as the option', () => {
  const parsed = parseCommandLine(["list", "--", "--json"]);
  assert.ok(!(parsed instanceof UsageError) && parsed.command === "list");
  assert.deepEqual([parsed.adapter, parsed.json], ["--json", false]);
});
