import { describe, expect, it } from 'vitest';
import type { Landscape } from '@shared/contract/landscape';
import { describeRows, landscapeJson, landscapeTable } from './landscape-output';

const scores = (loss: number) => ({
  trainLoss: loss,
  valLoss: loss + 1,
  trainAccuracy: null,
  valAccuracy: null,
});

const plane: Landscape = {
  id: 4,
  shape: 'plane',
  checkpoints: [1, 2, 3].map((n) => ({
    checkpointId: n,
    runId: n,
    kind: 'best' as const,
    epoch: 5,
    label: `run ${n} best (epoch 5)`,
  })),
  points: 2,
  seed: 0,
  recomputeBatchNorm: true,
  status: 'done',
  progress: { done: 4, total: 4 },
  result: {
    kind: 'plane',
    rows: { train: 10, trainTotal: 10, validation: 3 },
    basis: 'checkpoints',
    x: [-1, 2],
    y: [0, 5],
    points: [scores(0.1), scores(0.2), scores(0.3), scores(0.4)],
    marks: [{ label: 'A', x: 0, y: 0 }],
  },
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('landscape output', () => {
  it('prints a plane as a grid with the highest y first, as the contour plot reads', () => {
    const lines = landscapeTable(plane).split('\n');
    expect(lines[0]).toBe(
      'Landscape 4: A = run 1 best (epoch 5), B = run 2 best (epoch 5), C = run 3 best (epoch 5); batch-norm statistics recomputed at every point',
    );
    expect(lines[1]).toBe('Scored on 10 training rows and 3 validation rows');
    expect(lines[3]).toMatch(/^val loss {2}y \\ x\s+-1\.000\s+2\.000$/);
    expect(lines[4]).toMatch(/^5\.000\s+1\.3000\s+1\.4000$/);
    expect(lines[5]).toMatch(/^0\.000\s+1\.1000\s+1\.2000$/);
  });

  it('gives each grid point its coordinates in --json', () => {
    const json = landscapeJson(plane) as { grid: { x: number; y: number; valLoss: number }[] };
    expect(json.grid.map(({ x, y, valLoss }) => [x, y, valLoss])).toEqual([
      [-1, 0, 1.1],
      [2, 0, 1.2],
      [-1, 5, 1.3],
      [2, 5, 1.4],
    ]);
  });

  it('says when the training rows are a sample', () => {
    expect(describeRows({ train: 10000, trainTotal: 54000, validation: 6000 })).toBe(
      'Scored on 10000 of 54000 training rows (an even sample) and 6000 validation rows',
    );
  });
});
