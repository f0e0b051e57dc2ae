import assert from "node:assert/strict";
import { seededRandom as random } from "../../harness/seeded_random.ts";
import { decodeAdapterAddresses } from "../../ffi/codecs/adapter_addresses.ts";
import { decodeAdapterInfo } from "../../ffi/codecs/adapter_info.ts";
import { decodeInterfaceInfo } from "../../ffi/codecs/interface_info.ts";
import { DecodeError } from "../../mod.ts";
import { laptop } from "../helpers/fake_backend.ts";
import {
  buildAdapterAddresses,
  buildAdapterInfo,
  buildInterfaceInfo,
  FAKE_BASE,
} from "../../harness/win32_buffers.ts";

type Mutation = (bytes: Uint8Array, next: () => number) => Uint8Array;
const below = (next: () => number, n: number) => Math.floor(next() * n);

const mutations: Record<string, Mutation> = {
  truncate: (bytes, next) => bytes.slice(0, below(next, bytes.length)),
  "odd length": (bytes) => bytes.slice(0, bytes.length - 1 - (bytes.length % 2)),
  "flip bytes": (bytes, next) => {
    const copy = bytes.slice();
    for (let n = 1 + below(next, 16); n > 0; n--) copy[below(next, copy.length)] ^= 1 << below(next, 8);
    return copy;
  },
  // Rewrites an 8-aligned word that holds a pointer into the buffer: out of it, to itself, to anywhere inside.
  "rewrite a pointer": (bytes, next) => {
    const copy = bytes.slice();
    const view = new DataView(copy.buffer);
    const pointers: number[] = [];
    for (let at = 0; at + 8 <= copy.length; at += 8) {
      const value = view.getBigUint64(at, true);
      if (value >= FAKE_BASE && value < FAKE_BASE + BigInt(copy.length)) pointers.push(at);
    }
    if (pointers.length === 0) return copy;
    const at = pointers[below(next, pointers.length)];
    const targets = [
      FAKE_BASE + BigInt(copy.length + below(next, 4096)),
      FAKE_BASE - BigInt(1 + below(next, 4096)),
      FAKE_BASE + BigInt(at),
      FAKE_BASE,
      FAKE_BASE + BigInt(below(next, copy.length)),
      0xffff_ffff_ffff_ffffn,
    ];
    view.setBigUint64(at, targets[below(next, targets.length)], true);
    return copy;
  },
  "remove terminators": (bytes, next) => {
    const copy = bytes.slice();
    const start = below(next, copy.length);
    for (let at = start; at < copy.length; at++) if (copy[at] === 0) copy[at] = 0x41;
    return copy;
  },
  "random bytes": (bytes, next) =>
    Uint8Array.from({ length: below(next, bytes.length * 2) }, () => below(next, 256)),
};

const many = Array.from({ length: 64 }, (_, n) => ({
  ...laptop()[n % 5],
  index: 100 + n,
  friendlyName: `Ethernet ${n} 🚀`,
}));

const decoders: [string, Uint8Array, (bytes: Uint8Array) => unknown][] = [
  ["GetAdaptersAddresses", buildAdapterAddresses(many), (bytes) => decodeAdapterAddresses(bytes, FAKE_BASE)],
  ["GetAdaptersInfo", buildAdapterInfo(many), (bytes) => decodeAdapterInfo(bytes, FAKE_BASE)],
  [
    "GetInterfaceInfo",
    buildInterfaceInfo(
      many.map((adapter) => ({ index: adapter.index, name: `\\DEVICE\\TCPIP_${adapter.guid}` })),
    ),
    decodeInterfaceInfo,
  ],
];

const CASES_PER_MUTATION = 400;

for (const [api, valid, decode] of decoders) {
  Deno.test(`the ${api} decoder decodes or throws DecodeError on mutated buffers, never anything else`, () => {
    let decoded = 0, refused = 0;
    for (const [name, mutate] of Object.entries(mutations)) {
      for (let seed = 0; seed < CASES_PER_MUTATION; seed++) {
        const bytes = mutate(valid, random(seed));
        try {
          decode(bytes);
          decoded++;
        } catch (error) {
          // A RangeError here would be a read outside the buffer: DataView bounds every read by the view.
          assert.ok(error instanceof DecodeError, `${name}, seed ${seed}: ${error}`);
          refused++;
        }
      }
    }
    assert.ok(decoded > 0 && refused > 0, `decoded ${decoded}, refused ${refused}`);
  });
}
