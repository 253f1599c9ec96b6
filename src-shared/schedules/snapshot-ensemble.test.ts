import { describe, expect, it } from 'vitest';
import { snapshotPlan } from '../training/snapshots';
import { previewSchedule } from './preview';
import { snapshotEnsembleSchedule } from './snapshot-ensemble';

/** Huang et al. (2017), eq. 2, with t the 1-based iteration. */
function huang(alpha0: number, t: number, total: number, cycles: number): number {
  const length = Math.ceil(total / cycles);
  return (alpha0 / 2) * (Math.cos((Math.PI * ((t - 1) % length)) / length) + 1);
}

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, k) =>
    expect(Math.abs((actual[k] as number) - value)).toBeLessThanOrEqual(1e-15),
  );
}

describe('snapshot ensemble schedule', () => {
  for (const [epochs, cycles] of [
    [12, 3],
    [10, 3],
    [7, 2],
    [5, 5],
  ] as const) {
    it(`follows Huang et al. per epoch for T=${epochs}, M=${cycles} and marks each cycle's end`, () => {
      const schedule = snapshotEnsembleSchedule({
        alpha0: 0.2,
        epochs,
        cycles,
        stepsPerEpoch: 1,
        stepUnit: 'epoch',
      });
      const plan = snapshotPlan(epochs, cycles);
      const preview = previewSchedule({
        schedule,
        epochs,
        stepsPerEpoch: 1,
        snapshotEpochs: plan.snapshotEpochs,
      });
      const expected = Array.from({ length: epochs }, (_, e) => huang(0.2, e + 1, epochs, cycles));
      expectClose(preview.lrs, expected);
      const restarts = preview.markers.filter((m) => m.kind === 'restart').map((m) => m.step);
      const snapshots = preview.markers.filter((m) => m.kind === 'snapshot').map((m) => m.step);
      expect(snapshots).toEqual([...restarts, epochs]);
    });
  }

  it('follows Huang et al. per iteration when stepped per batch and the cycle is whole epochs', () => {
    const schedule = snapshotEnsembleSchedule({
      alpha0: 0.1,
      epochs: 6,
      cycles: 3,
      stepsPerEpoch: 4,
      stepUnit: 'batch',
    });
    const preview = previewSchedule({ schedule, epochs: 6, stepsPerEpoch: 4 });
    expectClose(
      preview.lrs,
      Array.from({ length: 24 }, (_, i) => huang(0.1, i + 1, 24, 3)),
    );
  });
});
