/**
 * Route and interface notifications through the backend, on their own: once both
 * are registered, it marks "Ethernet" (index 11) renewed in the double's state
 * file, so that in the "late-gateway" scenario its gateway goes and comes back a
 * second later; it prints, as JSON, every notification until the gateway's route
 * has come back (or 5 s), with the ms since it was marked, then leaves both.
 */
import { defaultBackend } from "../../../ffi/deno_backend.ts";
import { notificationHub } from "../../../ffi/notifications.ts";
import type { RowNotification } from "../../../ffi/backend.ts";

const hub = notificationHub(defaultBackend());
const seen: (Omit<RowNotification, "address"> & { address: number[] | null; afterMs: number })[] = [];
let marked = 0;
let back: () => void;
const gatewayBack = new Promise<void>((resolve) => back = resolve);
const listener = (notification: RowNotification) => {
  const address = notification.address ? [...notification.address] : null;
  seen.push({ ...notification, address, afterMs: Date.now() - marked });
  if (notification.kind === "route" && notification.type === 1 && address?.join(".") === "192.0.2.1") back();
};
const leaves = [await hub.subscribe("route", listener), await hub.subscribe("interface", listener)];
marked = Date.now();
await Deno.writeTextFile(Deno.env.get("LEASECTL_DOUBLE_STATE")!, `renewed 11 ${marked}\n`, { append: true });
let timer: ReturnType<typeof setTimeout> | undefined;
await Promise.race([gatewayBack, new Promise((resolve) => timer = setTimeout(resolve, 5000))]);
clearTimeout(timer);
await Promise.all(leaves.map((leave) => leave()));
console.log(JSON.stringify(seen));
