/**
 * A small seeded random generator (mulberry32) for the fuzz tests, so that a failure names a case that can be
 * run again.
 *
 * @module
 */

/** Numbers in [0, 1) from `seed`, the same sequence every time. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
