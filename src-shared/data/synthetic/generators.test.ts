import { describe, expect, it } from 'vitest';
import { builtinDatasets } from '../../experiment/datasets';
import type { Table } from '../table/table';
import { generateCircles } from './circles';
import { generatePoissonCounts, poissonMeanRate, poissonTrueRate } from './poisson-counts';
import { generateSpirals } from './spirals';

const column = (table: Table, name: string): Float64Array => {
  const found = table.columns.find((c) => c.name === name);
  if (found?.type !== 'numeric') throw new Error(`no numeric column ${name}`);
  return found.values;
};
const mean = (values: ArrayLike<number>): number =>
  Array.from(values).reduce((a, b) => a + b, 0) / values.length;

describe.each([
  ['spirals', generateSpirals],
  ['circles', generateCircles],
  ['poisson-counts', generatePoissonCounts],
] as const)('%s generator', (id, generate) => {
  const defaults = builtinDatasets[id].generator ?? { samples: 0, noise: 0, seed: 0 };

  it('has the shape the built-in catalog promises', () => {
    const table = generate({ ...defaults, samples: 101 });
    expect(table.rowCount).toBe(101);
    expect(table.columns.length).toBe((builtinDatasets[id].facts.inputShape[0] ?? 0) + 1);
    for (const c of table.columns) expect(c.values.length).toBe(101);
  });

  it('is reproducible from its seed and changes with it', () => {
    const a = generate({ ...defaults, seed: 7 });
    expect(generate({ ...defaults, seed: 7 })).toEqual(a);
    expect(column(generate({ ...defaults, seed: 8 }), 'x1')).not.toEqual(column(a, 'x1'));
  });
});

describe('spirals', () => {
  it('puts noise-free points on two arms half a turn apart, classes balanced', () => {
    const table = generateSpirals({ samples: 200, noise: 0, seed: 1 });
    const [x1, x2, label] = [column(table, 'x1'), column(table, 'x2'), column(table, 'label')];
    expect(mean(label)).toBe(0.5);
    // Point i of each arm lies at radius i/100 and angle 3.5π·i/100 (+π for class 1).
    for (const row of [20, 21, 150, 151]) {
      const i = row >> 1;
      const turn = (row % 2) * Math.PI;
      expect(x1[row]).toBeCloseTo((i / 100) * Math.sin(3.5 * Math.PI * (i / 100) + turn), 12);
      expect(x2[row]).toBeCloseTo((i / 100) * Math.cos(3.5 * Math.PI * (i / 100) + turn), 12);
    }
  });

  it('adds Gaussian noise of the given standard deviation', () => {
    const clean = generateSpirals({ samples: 4000, noise: 0, seed: 3 });
    const noisy = generateSpirals({ samples: 4000, noise: 0.2, seed: 3 });
    const deltas = Array.from(column(noisy, 'x1'), (v, i) => v - (column(clean, 'x1')[i] ?? 0));
    const sd = Math.sqrt(mean(deltas.map((d) => d * d)));
    expect(sd).toBeGreaterThan(0.19);
    expect(sd).toBeLessThan(0.21);
  });
});

describe('circles', () => {
  it('puts noise-free class 1 inside radius 0.5 and class 0 in the ring 0.7–1', () => {
    const table = generateCircles({ samples: 500, noise: 0, seed: 2 });
    const [x1, x2, label] = [column(table, 'x1'), column(table, 'x2'), column(table, 'label')];
    for (let row = 0; row < 500; row++) {
      const radius = Math.hypot(x1[row] ?? 0, x2[row] ?? 0);
      if (label[row] === 1) expect(radius).toBeLessThanOrEqual(0.5);
      else expect(radius).toBeGreaterThanOrEqual(0.7 - 1e-12);
    }
    expect(mean(label)).toBe(0.5);
  });
});

describe('poisson-counts', () => {
  it('has an empirical mean count near the true mean rate', () => {
    const table = generatePoissonCounts({ samples: 20_000, noise: 0, seed: 5 });
    // E[count] ≈ 1.927; the standard error of the mean over 20 000 draws is ≈ 0.012.
    expect(Math.abs(mean(column(table, 'count')) - poissonMeanRate(0))).toBeLessThan(0.05);
  });

  it('has counts that follow the true rate row by row', () => {
    const table = generatePoissonCounts({ samples: 20_000, noise: 0, seed: 6 });
    const [x1, x2, x3, count] = ['x1', 'x2', 'x3', 'count'].map((name) =>
      column(table, name),
    ) as Float64Array[];
    const rates = Array.from(count ?? [], (_, r) =>
      poissonTrueRate([x1?.[r] ?? 0, x2?.[r] ?? 0, x3?.[r] ?? 0]),
    );
    // Among the rows with the highest true rates the counts are high, and the reverse.
    const high = rates
      .map((rate, r) => [rate, count?.[r] ?? 0] as const)
      .filter(([rate]) => rate > 4);
    expect(
      Math.abs(mean(high.map(([, c]) => c)) / mean(high.map(([rate]) => rate)) - 1),
    ).toBeLessThan(0.05);
    // Residuals count − λ average to zero and their variance equals the mean rate (Poisson: variance = mean).
    const residuals = rates.map((rate, r) => (count?.[r] ?? 0) - rate);
    expect(Math.abs(mean(residuals))).toBeLessThan(0.05);
    expect(mean(residuals.map((e) => e * e)) / mean(rates)).toBeCloseTo(1, 1);
  });

  it('inflates the mean rate by e^(noise²/2) with log-rate noise', () => {
    const table = generatePoissonCounts({ samples: 20_000, noise: 0.5, seed: 9 });
    expect(Math.abs(mean(column(table, 'count')) / poissonMeanRate(0.5) - 1)).toBeLessThan(0.04);
    expect(poissonMeanRate(0.5) / poissonMeanRate(0)).toBeCloseTo(Math.exp(0.125), 12);
  });
});
