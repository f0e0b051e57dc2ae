/**
 * The library's watch() with an AbortSignal, on its own: it releases "Ethernet"
 * once watching, aborts after the first two changes, and prints them as JSON.
 * The process must then end by itself: nothing registered may keep it alive.
 */
import { release, watch, type WatchEvent } from "../../../mod.ts";

const controller = new AbortController();
const events: WatchEvent[] = [];
const iteration = (async () => {
  for await (const event of watch("Ethernet", { signal: controller.signal })) {
    events.push(event);
    if (events.length === 2) controller.abort();
  }
})();
await new Promise((resolve) => setTimeout(resolve, 500)); // registered by now
await release("Ethernet");
await iteration;
console.log(JSON.stringify(events));
