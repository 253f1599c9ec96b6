import { describe, expect, it } from 'vitest';
import { tickLabels, WHOLE_INCREMENTS } from './ticks';

describe('tick labels', () => {
  it('adds digits until neighbouring ticks differ', () => {
    expect(tickLabels([0.0015, 0.002, 0.0025])).toEqual(['0.0015', '0.002', '0.0025']);
    expect(tickLabels([0.5, 0.55, 0.6])).toEqual(['0.5', '0.55', '0.6']);
    expect(tickLabels([0.12345, 0.12346])).toEqual(['0.12345', '0.12346']);
  });

  it('writes whole numbers plainly, with a true minus and no "−0"', () => {
    expect(tickLabels([-1, -0, 1000, 2000])).toEqual(['−1', '0', '1000', '2000']);
  });

  it('steps counting axes by whole numbers only', () => {
    expect(WHOLE_INCREMENTS.slice(0, 6)).toEqual([1, 2, 5, 10, 20, 50]);
    expect(WHOLE_INCREMENTS.every(Number.isInteger)).toBe(true);
  });
});
