import { describe, expect, it } from 'vitest';
import { smoothEma } from '@shared/series';
import { bandLines, resolutionFor, runLines } from './curve-lines';

const look = (runId: number) => ({ label: `Run ${runId}`, color: `c${runId}` });

describe('runLines', () => {
  const curves = [
    { runId: 1, key: 'train.loss', x: [1, 2, 3], y: [0.9, 0.5, 0.4] },
    { runId: 1, key: 'val.loss', x: [1, 2, 3], y: [1.0, 0.6, 0.7] },
    { runId: 2, key: 'val.loss', x: [], y: [] },
  ];

  it('draws training dashed, skips empty curves and marks the best validation epoch', () => {
    const model = runLines(curves, { smoothing: 0, lookOf: look, bestOf: () => 0.6 });
    expect(model.lines.map((line) => [line.id, line.dashed, line.color])).toEqual([
      ['1:train.loss', true, 'c1'],
      ['1:val.loss', false, 'c1'],
    ]);
    expect(model.lines[0]?.best).toBeNull();
    expect(model.lines[1]?.best).toEqual({ x: 2, y: 0.6 });
  });

  it('smooths with the shared EMA and puts the marker on the smoothed line', () => {
    const model = runLines(curves, { smoothing: 0.5, lookOf: look, bestOf: () => 0.6 });
    const smoothed = smoothEma([1.0, 0.6, 0.7], 0.5);
    expect(Array.from(model.lines[1]?.y ?? [])).toEqual(Array.from(smoothed));
    expect(model.lines[1]?.best).toEqual({ x: 2, y: smoothed[1] });
  });

  it('has no marker when the best value is not among the points', () => {
    const model = runLines(curves, { smoothing: 0, lookOf: look, bestOf: () => 0.1 });
    expect(model.lines[1]?.best).toBeNull();
  });
});

describe('bandLines', () => {
  it('draws each mean as a line and shades only validation bands', () => {
    const band = (key: string) => ({
      label: 'lr = 0.1',
      key,
      x: [1, 2],
      mean: [1, 2],
      min: [0, 1],
      max: [2, 3],
      std: [1, 1],
      count: [2, 2],
    });
    const model = bandLines([band('train.loss'), band('val.loss')], {
      smoothing: 0,
      colorOf: () => 'red',
    });
    expect(model.lines.map((line) => line.dashed)).toEqual([true, false]);
    expect(model.bands.map((b) => [b.id, Array.from(b.lower), Array.from(b.upper)])).toEqual([
      ['lr = 0.1:val.loss', [0, 1], [2, 3]],
    ]);
  });
});

describe('resolutionFor', () => {
  it('follows the width for few curves and shares a point budget among many', () => {
    expect(resolutionFor(4, 800)).toBe(1600);
    expect(resolutionFor(400, 800)).toBe(150);
    expect(resolutionFor(100_000, 800)).toBe(32);
  });
});
