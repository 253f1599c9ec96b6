import { describe, expect, it } from 'vitest';
import { pannedRange, plotData, plotExtent, widenedRange, zoomedRange } from './plot-data';
import type { PlotModel } from './plot-model';

const model: PlotModel = {
  lines: [
    { id: 'a', label: 'a', color: 'red', dashed: false, x: [1, 2, 3], y: [1, 0, -1], best: null },
    { id: 'b', label: 'b', color: 'blue', dashed: true, x: [0, 5], y: [Number.NaN, 2], best: null },
  ],
  bands: [{ id: 'c', color: 'red', x: [-1, 7], lower: [0, 0], upper: [1, 1] }],
};

describe('plotData', () => {
  it('gives one [x, y] pair per line with gaps for non-finite values', () => {
    expect(plotData(model, false)).toEqual([
      null,
      [
        [1, 2, 3],
        [1, 0, -1],
      ],
      [
        [0, 5],
        [null, 2],
      ],
    ]);
  });

  it('turns values a log scale cannot show into gaps', () => {
    expect(plotData(model, true)[1]).toEqual([
      [1, 2, 3],
      [1, null, null],
    ]);
  });
});

describe('plotExtent', () => {
  it('spans lines and bands', () => {
    expect(plotExtent(model)).toEqual({ min: -1, max: 7 });
    expect(plotExtent({ lines: [], bands: [] })).toBeNull();
  });
});

describe('zoomedRange and pannedRange', () => {
  it('zooms around a point that stays put', () => {
    expect(zoomedRange({ from: 0, to: 10 }, 2, 0.5)).toEqual({ from: 1, to: 6 });
  });

  it('widens by a share of the width on each side', () => {
    expect(widenedRange({ from: 2, to: 6 }, 0.5)).toEqual({ from: 0, to: 8 });
    expect(widenedRange(null, 0.5)).toBeNull();
  });

  it('pans by a share of the width', () => {
    expect(pannedRange({ from: 0, to: 10 }, -0.1)).toEqual({ from: -1, to: 9 });
  });
});
