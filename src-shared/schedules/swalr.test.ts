import { describe, expect, it } from 'vitest';
import fixture from './fixtures/torch-swalr.json';
import { scheduleConfigSchema } from './config';
import { previewSchedule } from './preview';
import { fromConfig } from './schedule';
import { advanceSwaLr, startSwaLr, type SwaLrParams } from './swalr';

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  const off = expected.flatMap((value, k) =>
    Math.abs((actual[k] as number) - value) <= 1e-9 * Math.abs(value) + 1e-15
      ? []
      : [`${k}: ${actual[k]} ≠ ${value}`],
  );
  expect(off).toEqual([]);
}

describe('SWALR matches PyTorch', () => {
  for (const c of fixture.alone) {
    it(c.name, () => {
      const params = c.params as SwaLrParams;
      let state = startSwaLr(params, c.startLr);
      const lrs: number[] = [];
      for (let step = 0; step < c.lrs.length; step += 1) {
        lrs.push(state.lr);
        state = advanceSwaLr(params, state);
      }
      expectClose(lrs, c.lrs);
    });
  }

  for (const c of fixture.afterCosine) {
    it(`${c.name}, as the preview runs it`, () => {
      const schedule = fromConfig(scheduleConfigSchema.parse(c.config), {
        baseLr: c.baseLr,
        epochs: c.epochs,
        stepsPerEpoch: 1,
      });
      const preview = previewSchedule({
        schedule,
        epochs: c.epochs,
        stepsPerEpoch: 1,
        swa: { startEpoch: c.swaStartEpoch, params: c.params as SwaLrParams },
      });
      expectClose(preview.lrs, c.lrs);
      expect(preview.markers).toEqual([
        { kind: 'swaStart', step: c.swaStartEpoch, epoch: c.swaStartEpoch },
      ]);
    });
  }

  it('holds swaLr once annealed and rejects a fractional anneal length', () => {
    const params: SwaLrParams = { swaLr: 0.05, annealEpochs: 2, strategy: 'linear' };
    let state = startSwaLr(params, 0.1);
    for (let step = 0; step < 5; step += 1) state = advanceSwaLr(params, state);
    expect(state.lr).toBe(0.05);
    expect(() => startSwaLr({ ...params, annealEpochs: 1.5 }, 0.1)).toThrow(
      'SWA: annealEpochs must be a whole number ≥ 0, received 1.5',
    );
  });
});
