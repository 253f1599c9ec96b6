import { describe, expect, it } from 'vitest';
import reference from './fixtures/series-reference.json';
import { Rng } from '../random';
import { aggregateRuns } from './aggregate';
import { downsampleMinMax } from './downsample-min-max';
import { smoothEma } from './ema';
import { downsampleLttb } from './lttb';

/** The fixtures write non-finite values as null. */
const numbers = (values: readonly (number | null)[]) => values.map((v) => v ?? Number.NaN);

function expectAllClose(actual: ArrayLike<number>, expected: readonly (number | null)[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => {
    const got = actual[i] as number;
    if (value === null) expect(Number.isFinite(got)).toBe(false);
    else expect(Math.abs(got - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
  });
}

describe('TensorBoard EMA smoothing against its closed form in NumPy', () => {
  it.each(reference.ema)('$name', ({ values, weight, expected }) => {
    expectAllClose(smoothEma(numbers(values), weight), expected);
  });

  it('keeps non-finite values as they were', () => {
    const smoothed = smoothEma([1, Number.NaN, 3, Number.POSITIVE_INFINITY], 0.5);
    expect(Number.isNaN(smoothed[1])).toBe(true);
    expect(smoothed[3]).toBe(Number.POSITIVE_INFINITY);
  });

  it('returns a constant series unchanged and starts at the first value', () => {
    expect([...smoothEma([0.3, 0.3, 0.3], 0.9)]).toEqual([0.3, 0.3, 0.3]);
    expect(smoothEma([5, 1, 2], 0.99)[0]).toBe(5);
  });

  it('rejects a weight outside [0, 1)', () => {
    expect(() => smoothEma([1, 2], 1)).toThrow('weight: must be in [0, 1), received 1');
  });
});

describe('run bands against NumPy', () => {
  it('matches mean, min, max, population std and count per step', () => {
    const bands = aggregateRuns(
      reference.bands.runs.map((run) => ({ steps: run.steps, values: numbers(run.values) })),
    );
    const { expected } = reference.bands;
    expect([...bands.steps]).toEqual(expected.steps);
    expect([...bands.count]).toEqual(expected.count);
    expectAllClose(bands.mean, expected.mean);
    expectAllClose(bands.min, expected.min);
    expectAllClose(bands.max, expected.max);
    expectAllClose(bands.std, expected.std);
  });

  it('gives a band of zero width where one run remains', () => {
    const bands = aggregateRuns([
      { steps: [0, 1, 2], values: [1, 2, 3] },
      { steps: [0, 1], values: [3, 4] },
    ]);
    expect([...bands.std]).toEqual([1, 1, 0]);
    expect([...bands.count]).toEqual([2, 2, 1]);
  });

  it('leaves out steps where no run has a finite value', () => {
    const bands = aggregateRuns([
      { steps: [0, 1], values: [1, Number.NaN] },
      { steps: [1, 2], values: [Number.NaN, 5] },
    ]);
    expect([...bands.steps]).toEqual([0, 2]);
  });

  it('rejects steps that do not increase', () => {
    expect(() => aggregateRuns([{ steps: [0, 2, 2], values: [1, 2, 3] }])).toThrow(
      'runs[0].steps[2]: steps must be finite and strictly increasing, received 2 after 2',
    );
  });
});

/** Random series with spikes, NaN gaps and flat stretches, of many lengths. */
function randomSeries(seed: number) {
  const rng = Rng.fromSeed(seed);
  const length = rng.integer(0, 5000);
  const y = new Float64Array(length);
  let level = 0;
  for (let i = 0; i < length; i++) {
    level += rng.normal();
    const roll = rng.uniform();
    y[i] =
      roll < 0.01 ? level + rng.normal(0, 100) : roll < 0.02 ? Number.NaN : roll < 0.1 ? 0 : level;
  }
  const x = Float64Array.from({ length }, (_, i) => i * 10);
  return { x, y, maxBuckets: rng.integer(1, 1200) };
}

function finiteExtremes(values: ArrayLike<number>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}

describe('min/max-preserving downsampling', () => {
  it('keeps the min and max, never exceeds the resolution, keeps order and real points', () => {
    for (let seed = 0; seed < 200; seed++) {
      const { x, y, maxBuckets } = randomSeries(seed);
      const out = downsampleMinMax(x, y, maxBuckets);
      expect(out.buckets).toBeLessThanOrEqual(maxBuckets);
      expect(out.x.length).toBeLessThanOrEqual(2 * out.buckets);
      expect(finiteExtremes(out.y)).toEqual(finiteExtremes(y));
      let faults = 0;
      for (let i = 0; i < out.x.length; i++) {
        const index = (out.x[i] as number) / 10;
        if (out.y[i] !== y[index]) faults++; // not a point of the input
        if (i > 0 && !((out.x[i] as number) > (out.x[i - 1] as number))) faults++; // out of order
      }
      expect(faults).toBe(0);
    }
  });

  it("keeps each bucket's low and high in their original order", () => {
    const y = [5, 1, 9, 3, 8, 2, 7, 7];
    const out = downsampleMinMax(
      y.map((_, i) => i),
      y,
      2,
    );
    expect([...out.x]).toEqual([1, 2, 4, 5]);
    expect([...out.y]).toEqual([1, 9, 8, 2]);
  });

  it('keeps a lone spike at any resolution', () => {
    const y = new Float64Array(10_000);
    y[6543] = 42;
    expect(
      Math.max(
        ...downsampleMinMax(
          y.map((_, i) => i),
          y,
          3,
        ).y,
      ),
    ).toBe(42);
  });

  it('returns every point when there are fewer than buckets', () => {
    const out = downsampleMinMax([0, 1, 2], [3, 1, 2], 10);
    expect(out.buckets).toBe(3);
    expect([...out.y]).toEqual([3, 1, 2]);
  });

  it('rejects a resolution below one bucket', () => {
    expect(() => downsampleMinMax([1], [1], 0)).toThrow(
      'maxBuckets: must be a whole number ≥ 1, received 0',
    );
  });
});

describe('LTTB against a transcription of the reference implementation', () => {
  it.each(reference.lttb)('$name', ({ x, y, points, keptIndices }) => {
    const out = downsampleLttb(x, y, points);
    expect([...out.x]).toEqual(keptIndices.map((i) => x[i]));
    expect([...out.y]).toEqual(keptIndices.map((i) => y[i]));
  });

  it('keeps the ends and returns exactly the requested number of points', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i);
    const y = x.map((v) => Math.sin(v / 30));
    const out = downsampleLttb(x, y, 120);
    expect(out.x.length).toBe(120);
    expect([out.x[0], out.x[119]]).toEqual([0, 999]);
  });

  it('copies a series that is already short enough and rejects NaN', () => {
    expect([...downsampleLttb([0, 1], [2, 3], 5).y]).toEqual([2, 3]);
    expect(() => downsampleLttb([0, 1, 2, 3], [1, Number.NaN, 2, 3], 3)).toThrow(
      'point 1: LTTB needs finite x and y, received (1, NaN)',
    );
  });
});
