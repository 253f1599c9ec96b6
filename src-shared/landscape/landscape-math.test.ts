import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { barrierHeight } from './barrier';
import { evenlySpacedRows } from './subsample';
import { filterNormalizedDirection } from './filter-normalize';
import { interpolate, lineParameters } from './line';
import { gridAround, planePoint, planeThrough } from './plane';
import { dot } from './weights';

const f32 = (...values: number[]) => Float32Array.from(values);

describe('lineParameters', () => {
  it('spaces points over [−0.25, 1.25] and keeps t = 0 and t = 1 exactly', () => {
    expect(lineParameters(7)).toEqual([-0.25, 0, 0.25, 0.5, 0.75, 1, 1.25]);
    const ts = lineParameters(21);
    expect(ts).toHaveLength(23);
    expect(ts).toContain(0);
    expect(ts).toContain(1);
    expect(ts[0]).toBe(-0.25);
    expect(ts.at(-1)).toBe(1.25);
    expect(lineParameters(25)).toHaveLength(25);
  });

  it('refuses fewer than two points', () => {
    expect(() => lineParameters(1)).toThrow(/points: need an integer ≥ 2, got 1/);
  });
});

describe('interpolate', () => {
  it('is (1 − t)·A + t·B, A at 0 and B at 1, extrapolating outside', () => {
    const a = [f32(1, 2), f32(-4)];
    const b = [f32(3, 6), f32(4)];
    expect(interpolate(a, b, 0)).toEqual(a);
    expect(interpolate(a, b, 1)).toEqual(b);
    expect(interpolate(a, b, 0.25)).toEqual([f32(1.5, 3), f32(-2)]);
    expect(interpolate(a, b, -0.25)).toEqual([f32(0.5, 1), f32(-6)]);
  });
});

describe('barrierHeight', () => {
  it('is the largest rise above the chord between the endpoint losses, over t in [0, 1]', () => {
    const points = [
      { t: -0.25, loss: 9 }, // outside [0, 1]: ignored
      { t: 0, loss: 1 },
      { t: 0.5, loss: 2.5 },
      { t: 0.75, loss: 2.8 },
      { t: 1, loss: 3 },
    ];
    // chord at 0.5 is 2 (rise 0.5); at 0.75 it is 2.5 (rise 0.3).
    expect(barrierHeight(points)).toEqual({ height: 0.5, t: 0.5 });
  });

  it('is zero for a path below its chord, and needs both endpoints', () => {
    expect(
      barrierHeight([
        { t: 0, loss: 1 },
        { t: 0.5, loss: 0.5 },
        { t: 1, loss: 1 },
      ]),
    ).toEqual({ height: 0, t: 0 });
    expect(() => barrierHeight([{ t: 0, loss: 1 }])).toThrow(/t = 0 and at t = 1/);
  });
});

describe('planeThrough', () => {
  const a = [f32(1, 0, 0), f32(2)];
  const b = [f32(1, 3, 0), f32(2)];
  const c = [f32(2, 1, 4), f32(2)];

  it('builds an orthonormal basis with A at the origin and B on the x axis', () => {
    const basis = planeThrough(a, b, c);
    expect(dot(basis.u, basis.u)).toBeCloseTo(1, 12);
    expect(dot(basis.v, basis.v)).toBeCloseTo(1, 12);
    expect(dot(basis.u, basis.v)).toBeCloseTo(0, 12);
    expect(basis.marks[1]).toEqual({ label: 'B', x: 3, y: 0 });
    const [, , markC] = basis.marks;
    expect(markC?.x).toBeCloseTo(1, 12);
    expect(markC?.y).toBeCloseTo(Math.sqrt(17), 12);
    for (const [mark, weights] of [
      [basis.marks[1], b],
      [markC, c],
    ] as const) {
      const point = planePoint(basis, mark?.x ?? NaN, mark?.y ?? NaN);
      point.forEach((tensor, i) =>
        Array.from(tensor).forEach((value, k) =>
          expect(value).toBeCloseTo(weights[i]?.[k] as number, 5),
        ),
      );
    }
  });

  it('says why three checkpoints span no plane', () => {
    expect(() => planeThrough(a, a, c)).toThrow(/A and B have identical weights/);
    const onLine = [f32(1, 6, 0), f32(2)];
    expect(() => planeThrough(a, b, onLine)).toThrow(/C lies on the line through A and B/);
  });

  it('grids the marks with a margin of 0.2 of the extent on every side', () => {
    const grid = gridAround(
      [
        { label: 'A', x: 0, y: 0 },
        { label: 'B', x: 10, y: 0 },
        { label: 'C', x: 5, y: 5 },
      ],
      3,
    );
    expect(grid.x).toEqual([-2, 5, 12]);
    expect(grid.y).toEqual([-1, 2.5, 6]);
  });
});

describe('filterNormalizedDirection', () => {
  const weights = {
    shapes: [[2, 3], [3]],
    values: [f32(1, 2, 0, 3, -1, 4), f32(5, 6, 7)],
  };

  it('gives each filter (last axis) the norm of the weights there, and biases none', () => {
    const [kernel, bias] = filterNormalizedDirection(weights, Rng.fromSeed(3));
    const filterNorm = (values: ArrayLike<number>, f: number) =>
      Math.hypot(values[f] as number, values[f + 3] as number);
    for (let f = 0; f < 3; f++) {
      expect(filterNorm(kernel ?? [], f)).toBeCloseTo(filterNorm(weights.values[0] ?? [], f), 7);
    }
    expect(Array.from(bias ?? [])).toEqual([0, 0, 0]);
  });

  it('is fixed by the seed', () => {
    const first = filterNormalizedDirection(weights, Rng.fromSeed(3));
    expect(filterNormalizedDirection(weights, Rng.fromSeed(3))).toEqual(first);
    expect(filterNormalizedDirection(weights, Rng.fromSeed(4))).not.toEqual(first);
  });
});

describe('evenlySpacedRows', () => {
  it('keeps every row up to the limit and spreads the limit evenly beyond it', () => {
    expect(Array.from(evenlySpacedRows(3, 5))).toEqual([0, 1, 2]);
    expect(Array.from(evenlySpacedRows(10, 4))).toEqual([0, 2, 5, 7]);
  });
});
