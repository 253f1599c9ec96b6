import { describe, expect, it } from 'vitest';
import { contourLevels, contourSegments } from './contour';

describe('contourLevels', () => {
  it('spaces levels strictly inside the range, ignoring non-finite values', () => {
    expect(contourLevels([0, 4, NaN, 2], 3)).toEqual([1, 2, 3]);
    expect(contourLevels([5, 5], 3)).toEqual([]);
  });
});

describe('contourSegments', () => {
  it('draws the circle-like iso-line of a bowl around its minimum', () => {
    // 3 × 3 bowl: 0 in the centre, 2 at the corners, 1 on the edges.
    const bowl = [2, 1, 2, 1, 0, 1, 2, 1, 2];
    const segments = contourSegments(bowl, 3, 3, [0.5]);
    expect(segments).toHaveLength(4);
    for (const { from, to } of segments) {
      for (const [x, y] of [from, to]) {
        // Every crossing is halfway between the centre (1, 1) and an edge midpoint.
        expect(Math.abs(x - 1) + Math.abs(y - 1)).toBeCloseTo(0.5, 12);
      }
    }
  });

  it('crosses a linear ramp where the level is, and skips cells with a missing value', () => {
    const ramp = [0, 1, 2, 0, 1, 2];
    expect(contourSegments(ramp, 3, 2, [1.5])).toEqual([
      { level: 1.5, from: [1.5, 0], to: [1.5, 1] },
    ]);
    expect(contourSegments([0, 1, 2, 0, NaN, 2], 3, 2, [1.5])).toEqual([]);
  });

  it('splits a saddle cell into two segments', () => {
    expect(contourSegments([1, 0, 0, 1], 2, 2, [0.5])).toHaveLength(2);
  });
});
