import { describe, expect, it } from 'vitest';
import fixture from './fixtures/torch-schedules.json';
import { scheduleConfigSchema } from './config';
import { fromConfig } from './schedule';
import { advanceSchedule, scheduleLr, startSchedule } from './state';

/** Indices where `actual` is not within 1e-9 (relative) of PyTorch's value. */
function mismatches(actual: readonly number[], expected: readonly number[]): string[] {
  return expected.flatMap((value, k) => {
    const got = actual[k];
    return got !== undefined && Math.abs(got - value) <= 1e-9 * Math.abs(value) + 1e-15
      ? []
      : [`step ${k}: expected ${value}, got ${got}`];
  });
}

describe('schedules match PyTorch', () => {
  it('covers every PyTorch-backed kind and the edge cases of the issue', () => {
    const names = fixture.cases.map((c) => c.name);
    expect(new Set(fixture.cases.map((c) => c.config.kind))).toEqual(
      new Set([
        'constant',
        'step',
        'exponential',
        'linear',
        'cosine',
        'cyclic',
        'cosineWarmRestarts',
        'reduceOnPlateau',
      ]),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'step 7 x0.3, 7 does not divide 30',
        'cosine past tMax (periodic)',
        'cyclic triangular',
        'cyclic triangular2',
        'cyclic exp_range',
        'warm restarts, 5 does not divide 23',
        'warm restarts, tMult 2',
        'warmup then cyclic triangular2',
        'reduceOnPlateau min abs, cooldown 2',
        'reduceOnPlateau min lr reached',
      ]),
    );
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      expect(c.lrs).toHaveLength(c.epochs);
      const metrics = 'metrics' in c ? (c.metrics as number[]) : undefined;
      const schedule = fromConfig(scheduleConfigSchema.parse(c.config), {
        baseLr: c.baseLr,
        epochs: c.epochs,
        stepsPerEpoch: 1,
      });
      let state = startSchedule(schedule);
      const lrs: number[] = [];
      for (let k = 0; k < c.epochs; k += 1) {
        lrs.push(scheduleLr(schedule, state));
        state = advanceSchedule(schedule, state, metrics?.[k]);
      }
      expect(mismatches(lrs, c.lrs)).toEqual([]);
    });
  }
});
