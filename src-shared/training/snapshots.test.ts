import { describe, expect, it } from 'vitest';
import { snapshotPlan } from './snapshots';

describe('snapshotPlan', () => {
  it('snapshots at the end of each ⌈T/M⌉-epoch cycle', () => {
    expect(snapshotPlan(12, 3)).toEqual({ cycleLength: 4, snapshotEpochs: [3, 7, 11] });
    expect(snapshotPlan(1, 1)).toEqual({ cycleLength: 1, snapshotEpochs: [0] });
  });

  it('cuts the last cycle short when M does not divide T', () => {
    expect(snapshotPlan(10, 3)).toEqual({ cycleLength: 4, snapshotEpochs: [3, 7, 9] });
    expect(snapshotPlan(7, 2)).toEqual({ cycleLength: 4, snapshotEpochs: [3, 6] });
  });

  it('fits fewer cycles than asked when ⌈T/⌈T/M⌉⌉ < M', () => {
    expect(snapshotPlan(10, 6)).toEqual({ cycleLength: 2, snapshotEpochs: [1, 3, 5, 7, 9] });
    expect(snapshotPlan(3, 5)).toEqual({ cycleLength: 1, snapshotEpochs: [0, 1, 2] });
  });

  it('rejects counts that are not whole numbers ≥ 1', () => {
    expect(() => snapshotPlan(0, 2)).toThrow(
      'snapshot plan: epochs must be a whole number ≥ 1, received 0',
    );
    expect(() => snapshotPlan(10, 1.5)).toThrow(
      'snapshot plan: cycles must be a whole number ≥ 1, received 1.5',
    );
  });
});
