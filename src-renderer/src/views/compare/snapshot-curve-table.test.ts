import { describe, expect, it } from 'vitest';
import { snapshotCurveTable } from './snapshot-curve-table';

describe('snapshotCurveTable', () => {
  it('aligns runs of different ensemble sizes on the union of member counts', () => {
    const table = snapshotCurveTable({
      metric: 'accuracy',
      runs: [
        {
          runId: 4,
          experimentId: 1,
          restart: 1,
          points: [
            { members: 2, value: 0.91 },
            { members: 1, value: 0.9 },
          ],
        },
        {
          runId: 3,
          experimentId: 1,
          restart: 0,
          points: [
            { members: 1, value: 0.8 },
            { members: 2, value: 0.85 },
            { members: 3, value: 0.87 },
          ],
        },
      ],
    });
    expect(table).toEqual({
      members: [1, 2, 3],
      lines: [
        { runId: 4, restart: 1, values: [0.9, 0.91, null] },
        { runId: 3, restart: 0, values: [0.8, 0.85, 0.87] },
      ],
    });
  });

  it('is empty when no run has a snapshot ensemble', () => {
    expect(snapshotCurveTable({ metric: 'loss', runs: [] })).toEqual({ members: [], lines: [] });
  });
});
