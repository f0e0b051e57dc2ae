// leasectl against wine's own Iphlpapi.dll, inside the network namespace that
// tests/windows/run.sh makes, where the adapters are known: lctl0 (up,
// 192.0.2.10) and lctl1 (down, 198.51.100.20), each a veth with its peer.
import assert from "node:assert/strict";
import { leasectl } from "./helpers.ts";

const system = { iphlpapi: "system" };

interface Listed {
  friendlyName: string;
  mac: string | null;
  ipv4: string[];
  operStatus: string;
  dhcpEnabled: boolean;
}

/** wine's `ipconfig /all`, block by block: name, MAC and IPv4 addresses. */
async function ipconfig(): Promise<Map<string, { mac: string | null; ipv4: string[] }>> {
  const { stdout } = await new Deno.Command("ipconfig", { args: ["/all"] }).output();
  const text = new TextDecoder().decode(stdout).replaceAll("\r\n", "\n");
  const adapters = new Map<string, { mac: string | null; ipv4: string[] }>();
  for (const block of text.split(/^Ethernet adapter /m).slice(1)) {
    const name = block.slice(0, block.indexOf("\n")).trim();
    const mac = /Physical address[ .]*: *(\S*)/.exec(block)?.[1] || null;
    const ipv4 = [...block.matchAll(/IPv4 address[ .]*: *(\S+)/g)].map((match) => match[1]);
    adapters.set(name, { mac, ipv4 });
  }
  return adapters;
}

Deno.test("list agrees with wine's ipconfig /all on names, MACs and IPv4 addresses", async () => {
  const { code, stdout } = await leasectl(["list", "--json"], system);
  assert.equal(code, 0);
  const listed: Listed[] = JSON.parse(stdout);
  const expected = await ipconfig();
  assert.deepEqual(listed.map((a) => a.friendlyName).sort(), [...expected.keys()].sort());
  for (const adapter of listed) {
    assert.deepEqual(
      { mac: adapter.mac, ipv4: adapter.ipv4 },
      expected.get(adapter.friendlyName),
      adapter.friendlyName,
    );
  }
});

Deno.test("list shows the namespace's adapters with the names, MACs, addresses and state made for them", async () => {
  const listed: Listed[] = JSON.parse((await leasectl(["list", "lctl?", "--json"], system)).stdout);
  assert.deepEqual(
    listed.map(({ friendlyName, mac, ipv4, operStatus }) => ({ friendlyName, mac, ipv4, operStatus })),
    [
      { friendlyName: "lctl0", mac: "02-00-5E-10-00-01", ipv4: ["192.0.2.10"], operStatus: "up" },
      { friendlyName: "lctl1", mac: "02-00-5E-10-00-02", ipv4: ["198.51.100.20"], operStatus: "down" },
    ],
  );
});

Deno.test("release on wine: no adapter has DHCP enabled, so returnValue 100 and exit 1", async () => {
  const all = await leasectl(["release", "--json"], system);
  assert.equal(all.code, 1);
  assert.deepEqual(JSON.parse(all.stdout), { operation: "release", returnValue: 100, adapters: [] });
  const named = await leasectl(["release", "lctl0", "--json"], system);
  assert.equal(named.code, 1);
  const result = JSON.parse(named.stdout);
  assert.equal(result.returnValue, 100);
  assert.deepEqual(
    result.adapters.map((a: Record<string, unknown>) => [a.friendlyName, a.status, a.reason, a.ipv4Before]),
    [["lctl0", "skipped", "DHCP is not enabled on this adapter.", ["192.0.2.10"]]],
  );
});

Deno.test("human list output reads like ipconfig for a namespace adapter", async () => {
  const { stdout } = await leasectl(["list", "lctl0"], system);
  assert.match(stdout, /^Ethernet adapter lctl0:\n\n/);
  assert.match(stdout, /Physical Address[ .]*: 02-00-5E-10-00-01\n/);
  assert.match(stdout, /\n {3}IPv4 Address\. \. \. \. \. \. \. \. \. \. \. : 192\.0\.2\.10\(Preferred\)\n/);
  assert.match(stdout, /\n {3}Subnet Mask \. \. \. \. \. \. \. \. \. \. \. : 255\.255\.255\.0\n/);
  assert.match(stdout, /DHCP Enabled[ .]*: No\n/);
});

/** ipconfig-style text as blocks: a heading ("" for the host section), then each label's values. */
function ipconfigBlocks(text: string): Map<string, Map<string, string[]>> {
  const blocks = new Map<string, Map<string, string[]>>();
  let fields = new Map<string, string[]>(), label = "";
  blocks.set("", fields);
  for (const line of text.replaceAll("\r\n", "\n").split("\n")) {
    const heading = /^\S.* adapter (.+?):?$/.exec(line);
    if (heading) blocks.set(heading[1], fields = new Map());
    const field = /^ +(\S.*?)[ .]*: ?(.*)$/.exec(line);
    if (field) {
      // Wine and Windows word a few labels differently: compare them in lower case, without "Link-local".
      label = field[1].toLowerCase().replace("link-local ", "").replace(/^hostname$/, "host name");
      fields.set(label, field[2] ? [field[2]] : []);
    } else if (/^ {20,}\S/.test(line)) fields.get(label)?.push(line.trim());
  }
  return blocks;
}

Deno.test("list matches wine's ipconfig /all field by field, wherever both show a field", async () => {
  const ours = ipconfigBlocks((await leasectl(["list"], system)).stdout);
  const wine = ipconfigBlocks(
    new TextDecoder().decode((await new Deno.Command("ipconfig", { args: ["/all"] }).output()).stdout),
  );
  const values = (block: Map<string, string[]> | undefined, label: string) =>
    (block?.get(label) ?? []).map((value) =>
      value.replace(/\((Preferred|Deprecated|Tentative|Duplicate)\)$/, "")
    );
  const host = ["host name", "primary dns suffix", "node type", "ip routing enabled"];
  for (const label of host) assert.deepEqual(values(ours.get(""), label), values(wine.get(""), label), label);
  // Every adapter leasectl shows, wine shows (wine also shows loopback, which ipconfig on Windows leaves out).
  const adapters = [...ours.keys()].filter(Boolean);
  assert.deepEqual(adapters.sort(), ["lctl0", "lctl0-peer", "lctl1", "lctl1-peer"]);
  let compared = 0;
  for (const name of adapters) {
    const mine = ours.get(name)!, theirs = wine.get(name);
    assert.ok(theirs, `wine's ipconfig shows ${name}`);
    // A disconnected adapter reads "Media disconnected" with no addresses, as on Windows; wine lists its addresses.
    const connected = !mine.has("media state");
    const labels = ["description", "physical address", "dhcp enabled", "connection-specific dns suffix"];
    if (connected) labels.push("ipv4 address", "ipv6 address", "default gateway");
    for (const label of labels) {
      assert.deepEqual(values(mine, label), values(theirs, label), `${name}: ${label}`);
      compared++;
    }
  }
  assert.ok(compared >= 4 * 4 + 2 * 3, `${compared} fields compared`);
  assert.deepEqual(values(ours.get("lctl0"), "ipv4 address"), ["192.0.2.10"]);
  assert.equal(ours.get("lctl1")?.get("media state")?.[0], "Media disconnected");
});
