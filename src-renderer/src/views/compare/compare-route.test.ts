import { describe, expect, it } from 'vitest';
import { compareHref, selectionFromHash } from './compare-route';

describe('compare route', () => {
  it('round-trips experiments and runs through the hash', () => {
    const selection = { experimentIds: [3, 4], runIds: [9] };
    expect(compareHref(selection)).toBe('#/compare/experiments/3,4/runs/9');
    expect(selectionFromHash(compareHref(selection))).toEqual(selection);
  });

  it('reads an empty or partial hash', () => {
    expect(selectionFromHash('#/compare')).toEqual({ experimentIds: [], runIds: [] });
    expect(selectionFromHash('#/compare/runs/1,x,2')).toEqual({
      experimentIds: [],
      runIds: [1, 2],
    });
    expect(compareHref({ experimentIds: [], runIds: [] })).toBe('#/compare');
  });
});
