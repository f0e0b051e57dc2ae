import assert from "node:assert/strict";
import {
  decodeClasslessRoutes,
  decodeDomainList,
  decodeOption,
  decodeText,
} from "../../ffi/codecs/dhcp_options.ts";
import { decodeParams, encodeParams } from "../../ffi/codecs/dhcp_params.ts";
import { DHCPCAPI_PARAMS } from "../../ffi/layouts.ts";
import { DecodeError } from "../../mod.ts";
import { FAKE_BASE } from "../../harness/win32_buffers.ts";

const text = (value: string) => [...new TextEncoder().encode(value)];
const bytes = (...values: number[]) => Uint8Array.from(values);

Deno.test("addresses, seconds and the node type decode by their option's type", () => {
  assert.deepEqual(decodeOption(4, 1, bytes(255, 255, 254, 0)).value, "255.255.254.0");
  assert.deepEqual(decodeOption(4, 6, bytes(10, 0, 0, 1, 10, 0, 0, 2)).value, ["10.0.0.1", "10.0.0.2"]);
  assert.equal(decodeOption(4, 51, bytes(0, 0, 0x0e, 0x10)).value, 3600);
  assert.equal(decodeOption(4, 46, bytes(8)).value, "hybrid");
  assert.deepEqual(decodeOption(6, 23, bytes(0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 0x53)).value, [
    "2001:db8::53",
  ]);
  assert.deepEqual(decodeOption(4, 3, bytes(192, 0, 2, 1)), {
    code: 3,
    name: "router",
    family: 4,
    value: ["192.0.2.1"],
    raw: "c0000201",
  });
});

Deno.test("an address list that is not a whole number of addresses is null, with its bytes kept", () => {
  assert.deepEqual(decodeOption(4, 6, bytes(10, 0, 0, 1, 10)), {
    code: 6,
    name: "dnsServers",
    family: 4,
    value: null,
    raw: "0a0000010a",
  });
  assert.equal(decodeOption(4, 51, bytes(0, 0, 1)).value, null);
  assert.equal(decodeOption(4, 46, bytes(3)).value, null);
});

Deno.test("text drops a trailing NUL or newline; a NUL inside or bad UTF-8 is malformed", () => {
  assert.equal(decodeText(bytes(...text("http://wpad/wpad.dat"), 0)), "http://wpad/wpad.dat");
  assert.equal(decodeText(bytes(...text("corp.example"), 0x0a)), "corp.example");
  assert.equal(decodeText(bytes(...text("corp"), 0, ...text("x"))), null);
  assert.equal(decodeText(bytes(0xff, 0xfe)), null);
});

Deno.test("an unknown option code is shown as hex", () => {
  assert.deepEqual(decodeOption(4, 200, bytes(1, 2, 0xab)), {
    code: 200,
    name: "unknown",
    family: 4,
    value: "0102ab",
    raw: "0102ab",
  });
});

Deno.test("a domain search list follows compression pointers back (RFC 3397)", () => {
  const list = bytes(
    4,
    ...text("corp"),
    7,
    ...text("example"),
    0,
    3,
    ...text("eng"),
    0xc0,
    0,
    2,
    ...text("hq"),
    0xc0,
    14,
  );
  assert.deepEqual(decodeDomainList(list), ["corp.example", "eng.corp.example", "hq.eng.corp.example"]);
});

Deno.test("a pointer loop in a domain search list is malformed, not a hang", () => {
  // eng, then a pointer back to itself; and two names that point at each other.
  assert.equal(decodeDomainList(bytes(3, ...text("eng"), 0xc0, 0)), null);
  assert.equal(decodeDomainList(bytes(0xc0, 2, 0xc0, 0)), null);
  assert.equal(decodeDomainList(bytes(1, 0x61, 0xc0, 5, 0)), null); // forward
  assert.equal(decodeDomainList(bytes(4, ...text("cor"))), null); // ends inside a label
  assert.equal(decodeOption(4, 119, bytes(3, ...text("eng"), 0xc0, 0)).value, null);
});

Deno.test("classless static routes decode each width's significant octets (RFC 3442)", () => {
  assert.deepEqual(decodeClasslessRoutes(bytes(24, 192, 168, 7, 10, 0, 0, 1, 32, 10, 1, 2, 3, 10, 0, 0, 9)), [
    { destination: "192.168.7.0/24", router: "10.0.0.1" },
    { destination: "10.1.2.3/32", router: "10.0.0.9" },
  ]);
  assert.deepEqual(decodeOption(4, 249, bytes(0, 10, 0, 0, 1)).value, [
    { destination: "0.0.0.0/0", router: "10.0.0.1" },
  ]);
  assert.equal(decodeClasslessRoutes(bytes(33, 1, 2, 3, 4, 5, 6, 7, 8, 9)), null);
  assert.equal(decodeClasslessRoutes(bytes(24, 192, 168, 7, 10, 0)), null);
});

/** A DHCPCAPI_PARAMS array as DhcpRequestParams fills it: each entry's Data at `base + offset`. */
function filled(codes: number[], answers: [number, number][]): Uint8Array {
  const params = encodeParams(codes);
  const view = new DataView(params.buffer);
  answers.forEach(([offset, length], i) => {
    view.setBigUint64(i * DHCPCAPI_PARAMS.size + DHCPCAPI_PARAMS.Data, FAKE_BASE + BigInt(offset), true);
    view.setUint32(i * DHCPCAPI_PARAMS.size + DHCPCAPI_PARAMS.nBytesData, length, true);
  });
  return params;
}

Deno.test("each option's Data is read from the caller's buffer; nBytesData 0 is left out", () => {
  const buffer = bytes(192, 0, 2, 1, 255, 255, 255, 0);
  const answers = decodeParams(
    [3, 1, 6],
    filled([3, 1, 6], [[0, 4], [4, 4], [0, 0]]),
    buffer,
    FAKE_BASE,
    "DhcpRequestParams",
  );
  assert.deepEqual([...answers.keys()], [3, 1]);
  assert.deepEqual([...answers.get(1)!], [255, 255, 255, 0]);
});

Deno.test("an option whose Data lies outside the buffer is a DecodeError naming DhcpRequestParams", () => {
  const buffer = new Uint8Array(8);
  for (const [offset, length] of [[6, 4], [-4, 4], [8, 1], [0x1_0000_0000, 4]]) {
    assert.throws(
      () => decodeParams([3], filled([3], [[offset, length]]), buffer, FAKE_BASE, "DhcpRequestParams"),
      (error) => error instanceof DecodeError && error.api === "DhcpRequestParams",
    );
  }
});
