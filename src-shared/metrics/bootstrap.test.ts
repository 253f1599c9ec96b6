import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { accuracy } from './accuracy';
import { bootstrapConfidenceInterval, bootstrapPairedDifference, gather } from './bootstrap';
import { defined, type MetricResult } from './metric-result';
import { rocAuc } from './roc';

function meanOf(values: ArrayLike<number>) {
  return (indices: Uint32Array): MetricResult => {
    let sum = 0;
    for (const i of indices) sum += values[i] as number;
    return defined(sum / indices.length);
  };
}

function valueOf<T>(result: MetricResult<T>): T {
  if (!result.defined) throw new Error(`expected a value, got undefined: ${result.reason}`);
  return result.value;
}

describe('bootstrap confidence interval', () => {
  const data = Array.from({ length: 60 }, (_, i) => Math.sin(i) * 3 + i / 20);

  it('is reproducible from its seed and changes with it', () => {
    const first = bootstrapConfidenceInterval(meanOf(data), { sampleCount: 60, seed: 7 });
    const again = bootstrapConfidenceInterval(meanOf(data), { sampleCount: 60, seed: 7 });
    const other = bootstrapConfidenceInterval(meanOf(data), { sampleCount: 60, seed: 8 });
    expect(again).toEqual(first);
    expect(valueOf(other).lower).not.toBe(valueOf(first).lower);
  });

  it('brackets the estimate, which is the statistic on the data as given', () => {
    const interval = valueOf(
      bootstrapConfidenceInterval(meanOf(data), { sampleCount: 60, seed: 1, resamples: 500 }),
    );
    expect(interval.estimate).toBeCloseTo(data.reduce((a, b) => a + b) / 60, 12);
    expect(interval.lower).toBeLessThan(interval.estimate);
    expect(interval.upper).toBeGreaterThan(interval.estimate);
    expect(interval).toMatchObject({ confidence: 0.95, resamples: 500, undefinedResamples: 0 });
  });

  it('narrows as the confidence level drops', () => {
    const options = { sampleCount: 60, seed: 3, resamples: 1000 };
    const wide = valueOf(
      bootstrapConfidenceInterval(meanOf(data), { ...options, confidence: 0.99 }),
    );
    const narrow = valueOf(
      bootstrapConfidenceInterval(meanOf(data), { ...options, confidence: 0.5 }),
    );
    expect(narrow.lower).toBeGreaterThan(wide.lower);
    expect(narrow.upper).toBeLessThan(wide.upper);
  });

  it('has zero width on constant data', () => {
    const interval = valueOf(
      bootstrapConfidenceInterval(meanOf([2.5, 2.5, 2.5, 2.5]), { sampleCount: 4, seed: 5 }),
    );
    expect([interval.lower, interval.estimate, interval.upper]).toEqual([2.5, 2.5, 2.5]);
  });

  it('covers the true mean about 95% of the time on synthetic normal data', () => {
    const truth = 1;
    const datasets = 200;
    let covered = 0;
    for (let d = 0; d < datasets; d++) {
      const rng = Rng.fromSeed(1000 + d);
      const sample = Array.from({ length: 40 }, () => rng.normal(truth, 2));
      const interval = valueOf(
        bootstrapConfidenceInterval(meanOf(sample), { sampleCount: 40, seed: d, resamples: 1000 }),
      );
      if (interval.lower <= truth && truth <= interval.upper) covered++;
    }
    // Percentile intervals run slightly narrow at n = 40; far outside this band means a bug.
    expect(covered / datasets).toBeGreaterThanOrEqual(0.9);
    expect(covered / datasets).toBeLessThanOrEqual(0.99);
  });

  it('leaves out and counts resamples where the statistic is undefined', () => {
    const yTrue = [0, 0, 0, 0, 0, 0, 1, 1];
    const scores = [0.1, 0.3, 0.2, 0.6, 0.4, 0.2, 0.7, 0.5];
    const interval = valueOf(
      bootstrapConfidenceInterval(
        (indices) => rocAuc(gather(yTrue, indices), gather(scores, indices)),
        { sampleCount: 8, seed: 11, resamples: 400 },
      ),
    );
    expect(interval.undefinedResamples).toBeGreaterThan(0);
    expect(interval.resamples + interval.undefinedResamples).toBe(400);
  });

  it('is undefined when the statistic is undefined on the data itself', () => {
    const result = bootstrapConfidenceInterval(
      (indices) => rocAuc(gather([1, 1, 1], indices), gather([0.2, 0.4, 0.9], indices)),
      { sampleCount: 3, seed: 0 },
    );
    expect(result).toEqual({ defined: false, reason: 'only one class present in y_true' });
  });

  it('gives no interval for one sample rather than a zero-width one', () => {
    expect(bootstrapConfidenceInterval(meanOf([0.004]), { sampleCount: 1, seed: 0 })).toEqual({
      defined: false,
      reason: 'needs ≥ 2 samples for an interval, received 1',
    });
  });

  it('rejects bad options with the field name', () => {
    expect(() => bootstrapConfidenceInterval(meanOf([1]), { sampleCount: 0, seed: 0 })).toThrow(
      'sampleCount: must be a whole number ≥ 1, received 0',
    );
    expect(() =>
      bootstrapConfidenceInterval(meanOf([1]), { sampleCount: 1, seed: 0, confidence: 95 }),
    ).toThrow('confidence: must be between 0 and 1, received 95');
  });
});

describe('bootstrap of a paired difference', () => {
  /** Two classifiers on the same rows: A is right 85% of the time, B 75%, independently. */
  function simulate(seed: number, rows: number) {
    const rng = Rng.fromSeed(seed);
    const yTrue = Array.from({ length: rows }, () => rng.integer(0, 2));
    const answer = (p: number) => yTrue.map((y) => (rng.uniform() < p ? y : 1 - y));
    return { yTrue, predA: answer(0.85), predB: answer(0.75) };
  }

  it('covers the true accuracy difference and excludes zero', () => {
    const repetitions = 60;
    let covered = 0;
    let excludesZero = 0;
    for (let r = 0; r < repetitions; r++) {
      const { yTrue, predA, predB } = simulate(r, 400);
      const accuracyOf = (pred: number[]) => (indices: Uint32Array) =>
        accuracy(gather(yTrue, indices), gather(pred, indices));
      const interval = valueOf(
        bootstrapPairedDifference(accuracyOf(predA), accuracyOf(predB), {
          sampleCount: 400,
          seed: r,
          resamples: 400,
        }),
      );
      if (interval.lower <= 0.1 && 0.1 <= interval.upper) covered++;
      if (interval.lower > 0) excludesZero++;
    }
    expect(covered / repetitions).toBeGreaterThanOrEqual(0.88);
    expect(excludesZero / repetitions).toBeGreaterThanOrEqual(0.9);
  });

  it('is exactly zero for two identical strategies', () => {
    const statistic = meanOf([0.2, 0.9, 0.4, 0.7]);
    const interval = valueOf(
      bootstrapPairedDifference(statistic, statistic, { sampleCount: 4, seed: 2 }),
    );
    expect([interval.lower, interval.estimate, interval.upper]).toEqual([0, 0, 0]);
  });
});
