import { describe, expect, it } from 'vitest';
import { scheduleConfigSchema, type ScheduleConfigInput } from './config';
import { fromConfig, toConfig } from './schedule';
import { advanceSchedule, scheduleLr, startSchedule } from './state';

const context = { baseLr: 0.1, epochs: 20, stepsPerEpoch: 5 };
const build = (input: ScheduleConfigInput, ctx = context) =>
  fromConfig(scheduleConfigSchema.parse(input), ctx);

function lrsOf(
  input: ScheduleConfigInput,
  steps: number,
  metrics: readonly number[] = [],
): number[] {
  const schedule = build(input);
  let state = startSchedule(schedule);
  const lrs: number[] = [];
  for (let k = 0; k < steps; k += 1) {
    lrs.push(scheduleLr(schedule, state));
    state = advanceSchedule(schedule, state, metrics[k]);
  }
  return lrs;
}

describe('fromConfig / toConfig', () => {
  const inputs: ScheduleConfigInput[] = [
    { kind: 'constant', warmup: { duration: 2, startFactor: 0.5 } },
    { kind: 'step', stepSize: 4, gamma: 0.5 },
    { kind: 'exponential', gamma: 0.9, stepUnit: 'batch' },
    { kind: 'inverseTime', decayRate: 0.5 },
    { kind: 'linear', tau: 8, finalLr: 0.001 },
    { kind: 'cosine', tMax: 10, etaMin: 0.001 },
    { kind: 'cyclic', mode: 'exp_range', maxLr: 0.5, stepSizeUp: 3, stepSizeDown: 2, gamma: 0.99 },
    { kind: 'cosineWarmRestarts', t0: 3, tMult: 2, etaMin: 0.01 },
    { kind: 'reduceOnPlateau', mode: 'max', monitor: 'val_accuracy', patience: 2, cooldown: 1 },
  ];
  for (const input of inputs) {
    it(`round-trips ${input.kind}`, () => {
      const config = scheduleConfigSchema.parse(input);
      expect(toConfig(fromConfig(config, context))).toEqual(config);
      expect(fromConfig(toConfig(fromConfig(config, context)), context)).toEqual(
        fromConfig(config, context),
      );
    });
  }

  it('spans the rest of the run after warmup when tMax or tau is omitted, in the step unit', () => {
    expect(toConfig(build({ kind: 'cosine', warmup: { duration: 4 } }))).toMatchObject({
      tMax: 16,
    });
    expect(toConfig(build({ kind: 'linear', stepUnit: 'batch' }))).toMatchObject({ tau: 100 });
    expect(toConfig(build({ kind: 'cyclic', maxLr: 1, stepSizeUp: 6 }))).toMatchObject({
      stepSizeDown: 6,
    });
  });

  it('rejects a run it cannot drive', () => {
    expect(() => build({ kind: 'cyclic', maxLr: 0.05 })).toThrow(
      'schedule.maxLr: must be greater than the optimizer learning rate 0.1, received 0.05',
    );
    expect(() => build({ kind: 'constant' }, { ...context, baseLr: 0 })).toThrow(
      'schedule: the optimizer learning rate must be a number > 0, received 0',
    );
    expect(() => build({ kind: 'constant' }, { ...context, stepsPerEpoch: 2.5 })).toThrow(
      'schedule: stepsPerEpoch must be a whole number ≥ 1, received 2.5',
    );
  });
});

describe('closed forms without a PyTorch counterpart', () => {
  it('constant holds the base rate', () => {
    expect(lrsOf({ kind: 'constant' }, 3)).toEqual([0.1, 0.1, 0.1]);
  });

  it('1/t decay is ε₀/(1 + decayRate·k)', () => {
    expect(lrsOf({ kind: 'inverseTime', decayRate: 0.5 }, 4)).toEqual([
      0.1,
      0.1 / 1.5,
      0.1 / 2,
      0.1 / 2.5,
    ]);
  });

  it('linear decay reaches the floor at τ and stays', () => {
    const lrs = lrsOf({ kind: 'linear', tau: 4, finalLr: 0.02 }, 7);
    expect(lrs.map((lr) => Number(lr.toFixed(12)))).toEqual([
      0.1, 0.08, 0.06, 0.04, 0.02, 0.02, 0.02,
    ]);
  });
});

describe('reduce-on-plateau as a schedule', () => {
  const plateau: ScheduleConfigInput = {
    kind: 'reduceOnPlateau',
    patience: 0,
    factor: 0.5,
    warmup: { duration: 2, startFactor: 0.5 },
  };

  it('warms up without judging, then halves on each epoch that does not improve', () => {
    const lrs = lrsOf(plateau, 6, [9, 9, 1, 1, 0.5, 0.5]);
    expect(lrs.map((lr) => Number(lr.toFixed(12)))).toEqual([0.05, 0.075, 0.1, 0.1, 0.05, 0.05]);
  });

  it('asks for the monitored value once warmup is over', () => {
    const schedule = build({ ...plateau, monitor: 'val_accuracy', mode: 'max' });
    let state = startSchedule(schedule);
    state = advanceSchedule(schedule, state);
    state = advanceSchedule(schedule, state);
    expect(() => advanceSchedule(schedule, state)).toThrow(
      'reduce-on-plateau needs the value of val_accuracy at the end of every epoch',
    );
  });
});
