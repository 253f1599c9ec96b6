/**
 * The one seeded random source of Basin: splits, synthetic data, weight initialisation and
 * bootstrap resamples all draw from it, so a seed reproduces a run.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG, 32-bit, from PractRand),
 * seeded as PractRand seeds it. Its whole state is four 32-bit words plus the spare normal deviate,
 * so it can be saved with a checkpoint and restored to resume the exact sequence.
 */
export interface RngState {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly counter: number;
  /** Box–Muller makes normals in pairs; the second waits here. */
  readonly spareNormal: number | null;
}

/** Anything indexable and writable: number[], typed arrays. */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private counter: number;
  private spareNormal: number | null;

  private constructor(state: RngState) {
    this.a = state.a;
    this.b = state.b;
    this.c = state.c;
    this.counter = state.counter;
    this.spareNormal = state.spareNormal;
  }

  /** A generator in exactly the state `state` was saved in. */
  static fromState(state: RngState): Rng {
    for (const key of ['a', 'b', 'c', 'counter'] as const) {
      const word = state[key];
      if (!Number.isInteger(word) || word < 0 || word >= TWO_POW_32) {
        throw new Error(`rng state.${key}: must be a whole number in [0, 2^32), received ${word}`);
      }
    }
    if (state.spareNormal !== null && !Number.isFinite(state.spareNormal)) {
      throw new Error(
        `rng state.spareNormal: must be a finite number or null, received ${state.spareNormal}`,
      );
    }
    return new Rng(state);
  }

  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new Error(`seed: must be a whole number in [0, 2^53), received ${seed}`);
    }
    const rng = new Rng({
      a: 0,
      b: seed >>> 0,
      c: Math.floor(seed / TWO_POW_32) >>> 0,
      counter: 1,
      spareNormal: null,
    });
    for (let i = 0; i < 12; i++) rng.nextUint32();
    return rng;
  }

  state(): RngState {
    return {
      a: this.a,
      b: this.b,
      c: this.c,
      counter: this.counter,
      spareNormal: this.spareNormal,
    };
  }

  /** A uniform whole number in [0, 2^32). */
  nextUint32(): number {
    const result = (this.a + this.b + this.counter) >>> 0;
    this.counter = (this.counter + 1) >>> 0;
    this.a = (this.b ^ (this.b >>> 9)) >>> 0;
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + result) >>> 0;
    return result;
  }

  /** A uniform number in [0, 1) with all 53 bits of a double random. */
  uniform(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  /** A normal deviate (Box–Muller). */
  normal(mean = 0, standardDeviation = 1): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + standardDeviation * spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform())); // 1 − u ∈ (0, 1]: no log(0)
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return mean + standardDeviation * radius * Math.cos(angle);
  }

  /** A uniform whole number in [min, maxExclusive), without modulo bias; the range is ≤ 2^32. */
  integer(min: number, maxExclusive: number): number {
    const range = maxExclusive - min;
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxExclusive) || range < 1) {
      throw new Error(
        `integer: needs whole numbers min < maxExclusive, received ${min} and ${maxExclusive}`,
      );
    }
    if (range > TWO_POW_32) throw new Error(`integer: the range must be ≤ 2^32, received ${range}`);
    // Draws at or above the largest multiple of `range` would favour small results: redraw them.
    const limit = TWO_POW_32 - (TWO_POW_32 % range);
    let draw = this.nextUint32();
    while (draw >= limit) draw = this.nextUint32();
    return min + (draw % range);
  }

  /** Fisher–Yates: every order equally likely. Shuffles in place and returns `items`. */
  shuffle<A extends MutableArrayLike<unknown>>(items: A): A {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(0, i + 1);
      const held = items[i];
      items[i] = items[j];
      items[j] = held;
    }
    return items;
  }

  /** 0 … n−1 in a random order. */
  permutation(n: number): Uint32Array {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return this.shuffle(order);
  }
}
