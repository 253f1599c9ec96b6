import { describe, expect, it } from 'vitest';
import { sectionSchemas } from '../experiment/spec';
import { fromConfig } from '../schedules/schedule';
import { learningRatePlan } from './learning-rate-plan';

const sections = (optimization: unknown, training: unknown, strategy: unknown) => ({
  optimization: sectionSchemas.optimization.parse(optimization),
  training: sectionSchemas.training.parse(training),
  strategy: sectionSchemas.strategy.parse(strategy),
});

describe('learningRatePlan', () => {
  it('is the spec schedule with the optimizer rate when no strategy replaces it', () => {
    const spec = sections(
      { optimizer: { kind: 'sgd', learningRate: 0.1 }, schedule: { kind: 'cosine' } },
      { epochs: 10 },
      {},
    );
    const plan = learningRatePlan(spec, 3);
    expect(plan.schedule).toEqual(
      fromConfig(spec.optimization.schedule, { baseLr: 0.1, epochs: 10, stepsPerEpoch: 3 }),
    );
    expect([plan.swa, plan.snapshot, plan.snapshotEpochs]).toEqual([null, null, []]);
  });

  it('cycles the snapshot cosine per batch over the epochs before SWA and hands SWALR its settings', () => {
    const plan = learningRatePlan(
      sections(
        {
          optimizer: { kind: 'sgd', learningRate: 0.1 },
          schedule: { kind: 'step', stepUnit: 'epoch' },
        },
        { epochs: 10 },
        { snapshot: { cycles: 2, initialLr: 0.2 }, swa: { startEpoch: 6, swaLr: 0.05 } },
      ),
      4,
    );
    expect(plan.schedule).toMatchObject({
      kind: 'cosineWarmRestarts',
      baseLr: 0.2,
      stepUnit: 'batch',
      t0: 12,
    });
    expect(plan.snapshotEpochs).toEqual([2, 5]);
    expect(plan.swa).toEqual({
      startEpoch: 6,
      params: { swaLr: 0.05, annealEpochs: 5, strategy: 'cos' },
    });
  });

  it('steps the snapshot cosine per epoch only when the snapshot asks for it', () => {
    const plan = learningRatePlan(
      sections({}, { epochs: 10 }, { snapshot: { cycles: 2, initialLr: 0.2, stepUnit: 'epoch' } }),
      4,
    );
    expect(plan.schedule).toMatchObject({ stepUnit: 'epoch', t0: 5 });
  });

  it('drops the snapshot ensemble when SWA starts at once and leaves it no epoch', () => {
    const plan = learningRatePlan(
      sections(
        {},
        { epochs: 5 },
        { snapshot: { cycles: 2, initialLr: 0.2 }, swa: { startEpoch: 0, swaLr: 0.05 } },
      ),
      1,
    );
    expect([plan.snapshot, plan.snapshotEpochs, plan.schedule.kind]).toEqual([
      null,
      [],
      'constant',
    ]);
  });
});
