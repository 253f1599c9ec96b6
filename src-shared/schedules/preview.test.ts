import { describe, expect, it } from 'vitest';
import { scheduleConfigSchema, type ScheduleConfigInput } from './config';
import { previewSchedule, type PreviewRequest } from './preview';
import { fromConfig } from './schedule';

function preview(
  input: ScheduleConfigInput,
  epochs: number,
  stepsPerEpoch: number,
  extra: Partial<PreviewRequest> = {},
) {
  const schedule = fromConfig(scheduleConfigSchema.parse(input), {
    baseLr: 0.1,
    epochs,
    stepsPerEpoch,
  });
  return previewSchedule({ schedule, epochs, stepsPerEpoch, ...extra });
}

describe('previewSchedule', () => {
  it('holds an epoch-stepped rate for every batch of the epoch', () => {
    const { lrs } = preview({ kind: 'step', stepSize: 1, gamma: 0.5 }, 3, 2);
    expect(lrs).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('moves a batch-stepped rate every batch', () => {
    const { lrs } = preview({ kind: 'step', stepSize: 1, gamma: 0.5, stepUnit: 'batch' }, 2, 2);
    expect(lrs).toEqual([0.1, 0.05, 0.025, 0.0125]);
  });

  it('marks the end of warmup and each cycle in batches', () => {
    const { markers } = preview(
      { kind: 'cyclic', maxLr: 1, stepSizeUp: 2, warmup: { duration: 3 }, stepUnit: 'batch' },
      3,
      4,
    );
    expect(markers).toEqual([
      { kind: 'warmupEnd', step: 3, epoch: 0.75 },
      { kind: 'restart', step: 7, epoch: 1.75 },
      { kind: 'restart', step: 11, epoch: 2.75 },
    ]);
  });

  it('marks warm restarts of an epoch-stepped schedule at epoch boundaries, none after SWA starts', () => {
    const result = preview({ kind: 'cosineWarmRestarts', t0: 2, tMult: 2 }, 10, 3, {
      swa: { startEpoch: 7, params: { swaLr: 0.01, annealEpochs: 0, strategy: 'cos' } },
      snapshotEpochs: [1, 5],
    });
    expect(result.markers.map((m) => [m.kind, m.epoch])).toEqual([
      ['restart', 2],
      ['snapshot', 2],
      ['restart', 6],
      ['snapshot', 6],
      ['swaStart', 7],
    ]);
    expect(result.lrs.slice(21)).toEqual(Array(9).fill(0.01));
  });

  it('follows reduce-on-plateau through the metrics it is given and says when it lacked them', () => {
    const plateau: ScheduleConfigInput = { kind: 'reduceOnPlateau', patience: 0, factor: 0.5 };
    const known = preview(plateau, 3, 1, { metrics: [1, 1, 1] });
    expect(known).toEqual({ lrs: [0.1, 0.1, 0.05], markers: [], dependsOnMetric: false });
    const unknown = preview(plateau, 3, 1, { metrics: [1] });
    expect(unknown).toEqual({ lrs: [0.1, 0.1, 0.1], markers: [], dependsOnMetric: true });
  });

  it('rejects an SWA start or snapshot outside the run', () => {
    const swa = {
      startEpoch: 5,
      params: { swaLr: 0.01, annealEpochs: 1, strategy: 'linear' as const },
    };
    expect(() => preview({ kind: 'constant' }, 5, 1, { swa })).toThrow(
      'schedule preview: swa.startEpoch must be below epochs (5), received 5',
    );
    expect(() => preview({ kind: 'constant' }, 5, 1, { snapshotEpochs: [5] })).toThrow(
      'schedule preview: snapshot epochs must be below epochs (5), received 5',
    );
  });
});
