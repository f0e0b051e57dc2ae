/**
 * Runs a command in a console of its own and presses Ctrl-C in that console when
 * told, as a user at the keyboard would: Windows delivers Ctrl-C only through a
 * console (GenerateConsoleCtrlEvent), never as a signal to one process (Deno's
 * `child.kill("SIGINT")` on Windows terminates it instead), and processes that
 * Wine starts from a Linux shell have a console that cannot deliver it.
 *
 *     deno run --allow-all ctrl_c.ts TRIGGER STDOUT STDERR -- PROGRAM ARGS...
 *
 * It writes the command's output to the files STDOUT and STDERR as it comes,
 * presses Ctrl-C once the file TRIGGER exists, and exits with the command's status.
 * Its own standard streams go away with its console, so it reports through files only.
 */

const [trigger, stdoutFile, stderrFile, separator, program, ...args] = Deno.args;
if (separator !== "--" || !program) {
  throw new Error("usage: ctrl_c.ts TRIGGER STDOUT STDERR -- PROGRAM ARGS...");
}

const kernel32 = Deno.dlopen("kernel32.dll", {
  FreeConsole: { parameters: [], result: "i32" },
  AllocConsole: { parameters: [], result: "i32" },
  GenerateConsoleCtrlEvent: { parameters: ["u32", "u32"], result: "i32" },
}).symbols;
const CTRL_C_EVENT = 0;

// A console of our own, which the command inherits; Ctrl-C in it reaches both of us.
kernel32.FreeConsole();
if (!kernel32.AllocConsole()) throw new Error("AllocConsole failed");
Deno.addSignalListener("SIGINT", () => {}); // this process stays to collect the status

const child = new Deno.Command(program, { args, stdin: "null", stdout: "piped", stderr: "piped" }).spawn();
const copy = async (stream: ReadableStream<Uint8Array>, path: string) => {
  const file = await Deno.open(path, { write: true, create: true, truncate: true });
  for await (const chunk of stream) await file.write(chunk);
  file.close();
};
const copied = Promise.all([copy(child.stdout, stdoutFile), copy(child.stderr, stderrFile)]);

let pressed = false;
const poll = setInterval(() => {
  if (pressed) return;
  try {
    Deno.statSync(trigger);
  } catch {
    return;
  }
  pressed = true;
  kernel32.GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0);
}, 20);

const { code } = await child.status;
clearInterval(poll);
await copied;
Deno.exit(code);
