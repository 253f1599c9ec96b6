import { describe, expect, it } from 'vitest';
import { sectionSchemas } from '@shared/experiment/spec';
import { lrPreview } from './lr-preview';

function preview(optimization: unknown, training: unknown, strategy: unknown, stepsPerEpoch = 1) {
  const result = lrPreview(
    {
      optimization: sectionSchemas.optimization.parse(optimization),
      training: sectionSchemas.training.parse(training),
      strategy: sectionSchemas.strategy.parse(strategy),
    },
    stepsPerEpoch,
  );
  if (!result.ok) throw new Error(result.reason);
  return result.preview;
}

const markersOf = (kind: string, markers: { kind: string; epoch: number }[]) =>
  markers.filter((marker) => marker.kind === kind).map((marker) => marker.epoch);

describe('lrPreview', () => {
  // The plan itself is tested in src-shared/training; these check what the chart is given.
  it('runs the optimizer rate through the schedule, restarts marked', () => {
    const { lrs, markers } = preview(
      {
        optimizer: { kind: 'sgd', learningRate: 0.1 },
        schedule: { kind: 'cosineWarmRestarts', t0: 4 },
      },
      { epochs: 12 },
      {},
    );
    expect(lrs).toHaveLength(12);
    expect(lrs[0]).toBe(0.1);
    expect(lrs[4]).toBe(0.1);
    expect(markersOf('restart', markers)).toEqual([4, 8]);
  });

  it('lets snapshot cycles replace the schedule until SWA, then anneals to the SWA rate', () => {
    const { lrs, markers } = preview(
      { optimizer: { kind: 'sgd', learningRate: 0.1 }, schedule: { kind: 'constant' } },
      { epochs: 10 },
      {
        snapshot: { cycles: 2, initialLr: 0.2 },
        swa: { startEpoch: 6, swaLr: 0.05, annealEpochs: 0 },
      },
      2,
    );
    expect(lrs).toHaveLength(20);
    expect(lrs[0]).toBe(0.2);
    // Cycles of ⌈6 / 2⌉ = 3 epochs over the 6 epochs before SWA; a snapshot ends each.
    expect(markersOf('snapshot', markers)).toEqual([3, 6]);
    expect(markersOf('restart', markers)).toEqual([3]);
    expect(markersOf('swaStart', markers)).toEqual([6]);
    expect(lrs.slice(12)).toEqual(Array<number>(8).fill(0.05));
  });

  it('says why a schedule cannot run instead of throwing', () => {
    const result = lrPreview(
      {
        optimization: sectionSchemas.optimization.parse({
          optimizer: { kind: 'sgd', learningRate: 0.1 },
          schedule: { kind: 'cyclic', maxLr: 0.01 },
        }),
        training: sectionSchemas.training.parse({ epochs: 5 }),
        strategy: sectionSchemas.strategy.parse({}),
      },
      1,
    );
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('maxLr') });
  });
});
