/**
 * Seed arithmetic without a random stream: every derived number is a hash of the seeds it comes
 * from, so a run's seed and sampled hyperparameters never depend on how many others were drawn.
 */

/** MurmurHash3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uint32 seed derived from several whole numbers (order matters). */
export function mixSeeds(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) h = fmix32(h ^ fmix32(part + 0x7f4a7c15));
  return h;
}

/** A number in [0, 1) derived from a seed. */
export function unitFromSeed(seed: number): number {
  return fmix32(seed) / 0x1_0000_0000;
}
