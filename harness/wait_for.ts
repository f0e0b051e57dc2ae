/** Waiting on a file that another process writes, as the watch tests and benchmarks do. */

/** A file's text with Windows' line ends made "\n"; empty while it does not exist. */
export const readText = (path: string): Promise<string> =>
  Deno.readTextFile(path).then((text) => text.replaceAll("\r\n", "\n"), () => "");

/** Waits until `ready` holds for the text of `path`, reading it every `every` ms, for at most `ms`. */
export async function waitFor(
  path: string,
  ready: (text: string) => boolean,
  { ms = 10_000, every = 25 }: { ms?: number; every?: number } = {},
): Promise<string> {
  const deadline = performance.now() + ms;
  for (;;) {
    const text = await readText(path);
    if (ready(text)) return text;
    if (performance.now() > deadline) throw new Error(`timed out waiting on ${path}; it has:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
