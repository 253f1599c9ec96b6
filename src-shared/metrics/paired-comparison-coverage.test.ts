import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { comparePaired } from './paired-comparison';

/**
 * How often the 95% interval of the mean difference contains the true mean, over seeded simulated
 * experiments. Skewed differences are lognormal (σ = 0.25, skewness 0.78), centred on their mean.
 * Measured on stronger skew, not asserted: lognormal σ = 0.5 (skewness 1.75) covers 92–94% and
 * exponential differences (skewness 2) 88–93% at n = 3–30 — no interval of a mean does better
 * with five runs; the table's n says how far to trust it. At n = 30 (the BCa bootstrap, 399
 * resamples here) the true coverage is 94.6% normal and 94.2% skewed (NumPy, 5000 experiments);
 * 1500 experiments put the estimate within ±1.8% of it at three standard errors.
 */
const differences = {
  normal: (rng: Rng) => rng.normal(0.003, 0.01),
  skewed: (rng: Rng) => 0.01 * (Math.exp(0.25 * rng.normal()) - Math.exp(0.25 ** 2 / 2)),
} as const;
const trueMean = { normal: 0.003, skewed: 0 } as const;

function coverage(kind: keyof typeof differences, n: number, experiments: number): number {
  const rng = Rng.fromSeed(1000 * n + (kind === 'normal' ? 1 : 2));
  let covered = 0;
  const sample = new Float64Array(n);
  for (let e = 0; e < experiments; e++) {
    for (let i = 0; i < n; i++) sample[i] = differences[kind](rng);
    // 399 resamples keep each bootstrap case near a second; the quantile noise that adds is small.
    const { interval } = comparePaired(sample, { seed: e, resamples: 399 });
    if (interval === null) throw new Error(`no interval for n=${n}`);
    if (interval.lower <= trueMean[kind] && trueMean[kind] <= interval.upper) covered++;
  }
  return covered / experiments;
}

describe('coverage of the strategy table 95% interval', () => {
  it.each([
    ['normal', 2, 4000],
    ['normal', 3, 4000],
    ['normal', 5, 4000],
    ['normal', 10, 4000],
    ['normal', 30, 1500],
    ['skewed', 2, 4000],
    ['skewed', 3, 4000],
    ['skewed', 5, 4000],
    ['skewed', 10, 4000],
    ['skewed', 30, 1500],
  ] as const)('%s differences, n = %i: within 93–97%%', (kind, n, experiments) => {
    const share = coverage(kind, n, experiments);
    expect(share).toBeGreaterThanOrEqual(0.93);
    expect(share).toBeLessThanOrEqual(0.97);
  });
});
