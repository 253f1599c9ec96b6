import { describe, expect, it } from 'vitest';
import {
  fromConfig,
  previewSchedule,
  scheduleConfigSchema,
  type Schedule,
} from '@shared/schedules';
import { LearningRatePlan, type SwaPhase } from './learning-rate';

const epochs = 9;
const stepsPerEpoch = 4;

function trainerRates(
  schedule: Schedule,
  swa: SwaPhase | null,
  metrics: readonly number[],
): number[] {
  const plan = new LearningRatePlan(schedule, swa);
  const rates: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    plan.beginEpoch(epoch);
    for (let batch = 0; batch < stepsPerEpoch; batch++) {
      rates.push(plan.batchLr());
      plan.endBatch();
    }
    plan.endEpoch(plan.plateauMonitor === null ? undefined : metrics[epoch]);
  }
  return rates;
}

const configs: unknown[] = [
  { kind: 'cosine', stepUnit: 'batch', warmup: { duration: 3 } },
  { kind: 'step', stepSize: 2, gamma: 0.5 },
  { kind: 'cyclic', stepUnit: 'batch', maxLr: 0.5, stepSizeUp: 3, mode: 'triangular2' },
  { kind: 'cosineWarmRestarts', t0: 2, tMult: 2 },
  { kind: 'reduceOnPlateau', patience: 1, factor: 0.5 },
];
const metrics = [1, 0.9, 0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8];
const swa: SwaPhase = { startEpoch: 5, params: { swaLr: 0.02, annealEpochs: 2, strategy: 'cos' } };

describe('the trainer steps learning rates exactly as the schedule preview draws them', () => {
  it.each(
    configs.flatMap((config) => [
      [JSON.stringify(config), config, null] as const,
      [`${JSON.stringify(config)} + SWA`, config, swa] as const,
    ]),
  )('%s', (_name, config, swaPhase) => {
    const schedule = fromConfig(scheduleConfigSchema.parse(config), {
      baseLr: 0.1,
      epochs,
      stepsPerEpoch,
    });
    const preview = previewSchedule({
      schedule,
      epochs,
      stepsPerEpoch,
      metrics,
      ...(swaPhase === null ? {} : { swa: swaPhase }),
    });
    expect(trainerRates(schedule, swaPhase, metrics)).toEqual(preview.lrs);
  });
});
