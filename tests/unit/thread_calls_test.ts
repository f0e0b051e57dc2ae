import assert from "node:assert/strict";
import { findProcedures, type ThreadApi, ThreadCalls, threadExitCode } from "../../ffi/thread_calls.ts";
import { LibraryLoadError, Win32Error } from "../../mod.ts";

/** Threads that end when a test says so, and what the runner did with them. */
function fakeThreads() {
  const exitCodes = new Map<number, number | undefined>();
  const closed: number[] = [];
  const started: { procedure: unknown; argument: Uint8Array }[] = [];
  let next = 1, refuse = false;
  const api: ThreadApi<number> = {
    start(procedure, argument) {
      if (refuse) return null;
      started.push({ procedure, argument });
      exitCodes.set(next, undefined);
      return next++;
    },
    exitCode: (thread) => exitCodes.get(thread),
    close: (thread) => void closed.push(thread),
  };
  return {
    api,
    closed,
    started,
    end: (thread: number, code: number) => exitCodes.set(thread, code),
    refuseToStart: () => refuse = true,
  };
}

Deno.test("ThreadCalls resolves each call with its thread's exit code, and closes the thread once", async () => {
  const threads = fakeThreads();
  const calls = new ThreadCalls(threads.api);
  const argument = new Uint8Array([1, 2, 3]);
  const first = calls.run("IpRenewAddress", argument);
  const second = calls.run("IpReleaseAddress", new Uint8Array(4));
  assert.deepEqual(threads.started.map((s) => s.procedure), ["IpRenewAddress", "IpReleaseAddress"]);
  assert.equal(threads.started[0].argument, argument);
  threads.end(2, 5);
  assert.equal(await second, 5);
  threads.end(1, 0);
  assert.equal(await first, 0);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(threads.closed, [2, 1]);
});

Deno.test("ThreadCalls answers 8 (ERROR_NOT_ENOUGH_MEMORY) when no thread can start", async () => {
  const threads = fakeThreads();
  threads.refuseToStart();
  assert.equal(await new ThreadCalls(threads.api).run("IpRenewAddress", new Uint8Array(1)), 8);
});

Deno.test("an abandoned call's thread is still closed when it ends, without anyone waiting", async () => {
  const threads = fakeThreads();
  const calls = new ThreadCalls(threads.api);
  const call = calls.run("IpRenewAddress", new Uint8Array(1));
  calls.abandon(call);
  threads.end(1, 1460);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(threads.closed, [1]);
});

Deno.test("a process with only an abandoned call left exits at once", async () => {
  const script = `
    import { ThreadCalls } from ${JSON.stringify(new URL("../../ffi/thread_calls.ts", import.meta.url).href)};
    const calls = new ThreadCalls({ start: () => 1, exitCode: () => undefined, close: () => {} });
    calls.abandon(calls.run("IpRenewAddress", new Uint8Array(1)));
    console.log("done");`;
  const started = performance.now();
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "piped",
    signal: AbortSignal.timeout(10_000), // a poll that kept the process alive would be killed here
  }).output();
  assert.deepEqual([code, new TextDecoder().decode(stdout)], [0, "done\n"]);
  assert.ok(performance.now() - started < 5_000);
});

Deno.test("findProcedures names a function the DLL lacks, and the path it looked in", () => {
  const exported = new Map([["IpReleaseAddress", 0x1000]]);
  const lookUp = (_module: number, name: Uint8Array) =>
    exported.get(new TextDecoder().decode(name.subarray(0, -1))) ?? null;
  const paths: string[] = [];
  const load = (path: Uint16Array) => {
    paths.push(String.fromCharCode(...path.subarray(0, -1)));
    return 7;
  };
  assert.deepEqual(findProcedures("C:\\ünï\\iphlpapi.dll", ["IpReleaseAddress"], load, lookUp), {
    IpReleaseAddress: 0x1000,
  });
  assert.deepEqual(paths, ["C:\\ünï\\iphlpapi.dll"]);
  assert.throws(
    () => findProcedures("C:\\x.dll", ["IpReleaseAddress", "IpRenewAddress"], load, lookUp),
    (error) =>
      error instanceof LibraryLoadError &&
      /Could not load IpRenewAddress from C:\\x\.dll/.test(error.message),
  );
  assert.throws(() => findProcedures("C:\\x.dll", ["IpRenewAddress"], () => null, lookUp), LibraryLoadError);
});

Deno.test("threadExitCode: WAIT_FAILED is a Win32Error with the last error, never 'still running'", () => {
  const failedWait = () => 0xffff_ffff; // WAIT_FAILED
  const error = (() => {
    try {
      threadExitCode(1, failedWait, () => 1, () => 6);
    } catch (error) {
      return error;
    }
  })();
  assert.ok(error instanceof Win32Error);
  assert.deepEqual([error.api, error.code], ["WaitForSingleObject", 6]);
  assert.equal(threadExitCode(1, () => 0x102, () => 1, () => 0), undefined, "WAIT_TIMEOUT: still running");
});

Deno.test("threadExitCode: a failed GetExitCodeThread is a Win32Error, never exit code 0", () => {
  assert.throws(
    () => threadExitCode(1, () => 0, () => 0, () => 5),
    (error: unknown) => error instanceof Win32Error && error.api === "GetExitCodeThread" && error.code === 5,
  );
  const read = threadExitCode(1, () => 0, (_thread: number, code: Uint32Array) => {
    code[0] = 121;
    return 1;
  }, () => 0);
  assert.equal(read, 121);
});

Deno.test("a thread that cannot be waited for rejects its call, and its handle is still closed", async () => {
  const closed: number[] = [];
  const calls = new ThreadCalls<number>({
    start: () => 7,
    exitCode: () => {
      throw new Win32Error("WaitForSingleObject", 6);
    },
    close: (thread) => void closed.push(thread),
  });
  await assert.rejects(calls.run("IpReleaseAddress", new Uint8Array(4)), Win32Error);
  assert.deepEqual(closed, [7]);
});
