import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { logGamma, samplePoisson } from './sample-poisson';

describe('samplePoisson', () => {
  // Both methods: multiplication below λ = 10, transformed rejection above.
  it.each([0.3, 3, 9.5, 12, 40, 1000])('has mean and variance λ = %s', (lambda) => {
    const rng = Rng.fromSeed(11);
    const n = 20_000;
    const draws = Array.from({ length: n }, () => samplePoisson(rng, lambda));
    expect(draws.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
    const mean = draws.reduce((a, b) => a + b, 0) / n;
    const variance = draws.reduce((a, k) => a + (k - mean) ** 2, 0) / (n - 1);
    // Five standard errors of the mean; the sample variance within 5 %.
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    expect(variance / lambda).toBeGreaterThan(0.95);
    expect(variance / lambda).toBeLessThan(1.05);
  });

  it('gives 0 for rate 0 and rejects a negative rate', () => {
    expect(samplePoisson(Rng.fromSeed(1), 0)).toBe(0);
    expect(() => samplePoisson(Rng.fromSeed(1), -1)).toThrow(
      'Poisson rate must be a finite number ≥ 0, received -1',
    );
  });
});

describe('logGamma', () => {
  it('matches log((x−1)!) and Γ(4.5)', () => {
    expect(logGamma(1)).toBe(0);
    expect(logGamma(3)).toBeCloseTo(Math.log(2), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 12);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9);
    expect(logGamma(4.5)).toBeCloseTo(Math.log(11.631728396567448), 12);
  });
});
