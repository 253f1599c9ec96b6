import { describe, expect, it } from 'vitest';
import reference from './fixtures/sfc32-reference.json';
import { Rng } from './rng';

describe('sfc32 against an independent transcription of PractRand', () => {
  it('covers seeds past 2^32', () => {
    expect(reference.cases.map((c) => c.seed)).toEqual(
      expect.arrayContaining([0, 2 ** 32 + 5, 2 ** 53 - 1]),
    );
  });

  it.each(reference.cases)('seed $seed', ({ seed, outputs, stateAfter }) => {
    const rng = Rng.fromSeed(seed);
    expect(outputs.map(() => rng.nextUint32())).toEqual(outputs);
    expect(rng.state()).toEqual({ ...stateAfter, spareNormal: null });
  });
});

describe('seeding and resuming', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const rng = Rng.fromSeed(seed);
      return Array.from({ length: 5 }, () => rng.uniform());
    };
    expect(draw(123)).toEqual(draw(123));
    expect(draw(124)).not.toEqual(draw(123));
  });

  it('resumes exactly from a saved state, including a waiting normal deviate', () => {
    const rng = Rng.fromSeed(9);
    rng.normal(); // leaves the second Box–Muller deviate waiting
    const saved = JSON.parse(JSON.stringify(rng.state()));
    expect(saved.spareNormal).not.toBeNull();
    const restored = Rng.fromState(saved);
    const next = (r: Rng) => [r.normal(), r.normal(), r.uniform(), r.integer(0, 1000)];
    expect(next(restored)).toEqual(next(rng));
  });

  it('rejects a state that is not four 32-bit words', () => {
    const good = Rng.fromSeed(1).state();
    expect(() => Rng.fromState({ ...good, counter: -1 })).toThrow(
      'rng state.counter: must be a whole number in [0, 2^32), received -1',
    );
    expect(() => Rng.fromState({ ...good, b: 2 ** 32 })).toThrow('rng state.b');
  });

  it('rejects a seed that is not a whole number ≥ 0', () => {
    expect(() => Rng.fromSeed(1.5)).toThrow(
      'seed: must be a whole number in [0, 2^53), received 1.5',
    );
    expect(() => Rng.fromSeed(-3)).toThrow('received -3');
  });
});

describe('distributions', () => {
  const draws = 100_000;

  it('uniform lies in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = Rng.fromSeed(2024);
    let sum = 0;
    let squares = 0;
    let outside = 0;
    for (let i = 0; i < draws; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      squares += u * u;
    }
    expect(outside).toBe(0);
    const mean = sum / draws;
    // Five standard errors: a bug moves these far more; chance alone almost never does.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / draws));
    expect(Math.abs(squares / draws - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('normal has the requested mean and standard deviation', () => {
    const rng = Rng.fromSeed(77);
    let sum = 0;
    let squares = 0;
    let beyondTwoSigma = 0;
    for (let i = 0; i < draws; i++) {
      const z = rng.normal(3, 2);
      sum += z;
      squares += z * z;
      if (Math.abs(z - 3) > 4) beyondTwoSigma++;
    }
    const mean = sum / draws;
    expect(Math.abs(mean - 3)).toBeLessThan(5 * (2 / Math.sqrt(draws)));
    expect(Math.abs(Math.sqrt(squares / draws - mean * mean) - 2)).toBeLessThan(0.03);
    expect(Math.abs(beyondTwoSigma / draws - 0.0455)).toBeLessThan(0.004);
  });

  it('integer covers [min, max) evenly (chi-square)', () => {
    const rng = Rng.fromSeed(5);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) {
      const k = rng.integer(-3, 4);
      counts[k + 3] = (counts[k + 3] as number) + 1;
    }
    const chiSquare = counts.reduce((total, c) => total + (c - 10_000) ** 2 / 10_000, 0);
    expect(chiSquare).toBeLessThan(22.46); // 99.9th percentile of χ² with 6 degrees of freedom
  });

  it('integer handles the full 2^32 range and rejects an empty one', () => {
    const rng = Rng.fromSeed(3);
    const value = rng.integer(0, 2 ** 32);
    expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    expect(() => rng.integer(4, 4)).toThrow('integer: needs whole numbers min < maxExclusive');
  });

  it('shuffle makes every order of three items about equally likely', () => {
    const rng = Rng.fromSeed(11);
    const seen = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const order = rng.shuffle(['a', 'b', 'c']).join('');
      seen.set(order, (seen.get(order) ?? 0) + 1);
    }
    expect(seen.size).toBe(6);
    for (const count of seen.values()) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('permutation holds each index once', () => {
    const order = Rng.fromSeed(8).permutation(1000);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
