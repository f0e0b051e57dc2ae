import assert from "node:assert/strict";
import { seededRandom as random } from "../../harness/seeded_random.ts";
import { decodeOption, DEFAULT_DHCPV4_OPTIONS, hex } from "../../ffi/codecs/dhcp_options.ts";
import { decodeParams, encodeParams } from "../../ffi/codecs/dhcp_params.ts";
import { DHCPCAPI_PARAMS } from "../../ffi/layouts.ts";
import { DecodeError } from "../../mod.ts";
import { laptopOptions } from "../helpers/fake_dhcp.ts";
import { FAKE_BASE } from "../../harness/win32_buffers.ts";

const below = (next: () => number, n: number) => Math.floor(next() * n);

const mutations: Record<string, (bytes: Uint8Array, next: () => number) => Uint8Array> = {
  truncate: (bytes, next) => bytes.slice(0, below(next, bytes.length)),
  "flip bytes": (bytes, next) => {
    const copy = bytes.slice();
    for (let n = 1 + below(next, 8); n > 0 && copy.length; n--) {
      copy[below(next, copy.length)] ^= 1 << below(next, 8);
    }
    return copy;
  },
  // A compression pointer anywhere, to anywhere: loops and forward pointers.
  "plant a pointer": (bytes, next) => {
    const copy = bytes.slice();
    if (copy.length < 2) return copy;
    const at = below(next, copy.length - 1);
    copy[at] = 0xc0 | below(next, 4);
    copy[at + 1] = below(next, copy.length + 4);
    return copy;
  },
  "random bytes": (_bytes, next) => Uint8Array.from({ length: below(next, 64) }, () => below(next, 256)),
};

const valid = Object.entries(laptopOptions()["{1EA5EC71-0000-4000-8000-00000000000B}"]);
const CASES = 300;

Deno.test("every option decoder returns a value or null on mutated bytes, never a throw, and keeps the bytes", () => {
  let decoded = 0, malformed = 0;
  for (const [code, data] of valid) {
    for (const [name, mutate] of Object.entries(mutations)) {
      for (let seed = 0; seed < CASES; seed++) {
        const bytes = mutate(Uint8Array.from(data), random(seed));
        let option;
        try {
          option = decodeOption(4, Number(code), bytes);
        } catch (error) {
          assert.fail(`option ${code}, ${name}, seed ${seed}: ${error}`);
        }
        assert.equal(option.raw, hex(bytes));
        option.value === null ? malformed++ : decoded++;
      }
    }
  }
  assert.ok(decoded > 0 && malformed > 0, `decoded ${decoded}, malformed ${malformed}`);
});

Deno.test("the parameter array decoder reads inside the buffer or throws DecodeError, on mutated arrays", () => {
  const codes = [...DEFAULT_DHCPV4_OPTIONS];
  const buffer = new Uint8Array(64);
  const params = encodeParams(codes);
  const view = new DataView(params.buffer);
  codes.forEach((_, i) => {
    view.setBigUint64(i * DHCPCAPI_PARAMS.size + DHCPCAPI_PARAMS.Data, FAKE_BASE + BigInt(i), true);
    view.setUint32(i * DHCPCAPI_PARAMS.size + DHCPCAPI_PARAMS.nBytesData, 4, true);
  });
  let read = 0, refused = 0;
  for (const [name, mutate] of Object.entries(mutations)) {
    for (let seed = 0; seed < CASES; seed++) {
      const mutated = new Uint8Array(params.length);
      mutated.set(mutate(params, random(seed)).subarray(0, params.length));
      try {
        for (const bytes of decodeParams(codes, mutated, buffer, FAKE_BASE, "DhcpRequestParams").values()) {
          assert.ok(bytes.length <= buffer.length);
        }
        read++;
      } catch (error) {
        assert.ok(error instanceof DecodeError, `${name}, seed ${seed}: ${error}`);
        refused++;
      }
    }
  }
  assert.ok(read > 0 && refused > 0, `read ${read}, refused ${refused}`);
});
