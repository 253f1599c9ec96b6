import { describe, expect, it } from 'vitest';
import { axisOf, numericValue, parallelLines, position, searchPoints } from './search-plot';

describe('search plots', () => {
  it('puts values spanning a wide positive range on a log axis', () => {
    const rate = axisOf('lr', [0.0001, 0.001, 0.01]);
    expect(rate.log).toBe(true);
    expect(position(rate, 0.001)).toBeCloseTo(0.5);
    const units = axisOf('units', [8, 16, 32]);
    expect(units.log).toBe(false);
    expect(position(units, 16)).toBeCloseTo(1 / 3);
  });

  it('keeps runs that have a metric and a number for every searched path', () => {
    const configs: Record<number, Record<string, string>> = {
      1: { lr: '0.01', units: '8' },
      2: { lr: '"adam"', units: '8' },
      3: { lr: '0.1', units: '16' },
    };
    const points = searchPoints(
      [1, 2, 3],
      ['lr', 'units'],
      (id, path) => configs[id]?.[path],
      (id) => (id === 3 ? null : 0.5),
    );
    expect(points).toEqual([{ runId: 1, values: { lr: 0.01, units: 8 }, metric: 0.5 }]);
    expect(numericValue('')).toBeNull();
  });

  it('draws a line per run across the axes, shaded by its metric', () => {
    const { axes, lines } = parallelLines(
      [
        { runId: 1, values: { units: 8 }, metric: 0.2 },
        { runId: 2, values: { units: 16 }, metric: 0.4 },
      ],
      ['units'],
      { width: 120, height: 120, pad: 10 },
    );
    expect(axes.map((axis) => [axis.name, axis.x])).toEqual([
      ['units', 10],
      ['metric', 110],
    ]);
    expect(lines).toEqual([
      { runId: 1, points: '10.0,110.0 110.0,110.0', shade: 0 },
      { runId: 2, points: '10.0,10.0 110.0,10.0', shade: 1 },
    ]);
  });
});
