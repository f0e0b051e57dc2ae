// NotifyRouteChange2 through the backend on deno.exe under Wine: a default gateway is a route, and the
// double signals one that comes or goes with a route notification only, as Windows does.
import assert from "node:assert/strict";
import { DOUBLE_DLL, projectPath } from "../../harness/paths.ts";
import { newState, tempFile } from "./helpers.ts";

Deno.test("a gateway that comes back is a route notification with its next hop, and no interface notification", async () => {
  const state = await newState();
  const log = await tempFile("leasectl-log-");
  try {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-ffi",
        "--allow-env",
        "--allow-write",
        projectPath("tests/windows/tools/route_notifications.ts"),
      ],
      env: {
        LEASECTL_IPHLPAPI: DOUBLE_DLL,
        LEASECTL_DOUBLE_SCENARIO: "late-gateway",
        LEASECTL_DOUBLE_STATE: state,
        LEASECTL_DOUBLE_LOG: log,
      },
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const seen: {
      kind: string;
      type: number;
      index: number;
      address: number[] | null;
      prefixLength?: number;
      afterMs: number;
    }[] = JSON.parse(new TextDecoder().decode(stdout));
    const routes = seen.filter((n) => n.kind === "route");
    // The renew takes the gateway away at once, and the double gives it back a second later.
    assert.deepEqual(
      routes.map((n) => [n.type, n.index, n.address?.join("."), n.prefixLength]),
      [[2, 11, "192.0.2.1", 0], [1, 11, "192.0.2.1", 0]],
    );
    assert.ok(routes[1].afterMs >= 900, `the gateway came back after ${routes[1].afterMs} ms`);
    assert.deepEqual(seen.filter((n) => n.kind === "interface" && n.index === 11), []);
    const lines = (await Deno.readTextFile(log)).split(/\r?\n/);
    assert.ok(lines.some((line) => line.startsWith("NotifyRouteChange2\t0\tregistered\t")), lines.join("\n"));
    assert.equal(lines.filter((line) => line.startsWith("CancelMibChangeNotify2\t0\tcancelled\t")).length, 2);
  } finally {
    await Deno.remove(state);
    await Deno.remove(log);
  }
});
