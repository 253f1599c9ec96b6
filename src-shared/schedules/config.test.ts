import { describe, expect, it } from 'vitest';
import { describeZodIssues } from '../contract/zod-issues';
import { scheduleConfigSchema } from './config';

function problems(input: unknown): string[] {
  const result = scheduleConfigSchema.safeParse(input);
  return result.success ? [] : describeZodIssues(result.error.issues, input).map((p) => p.text);
}

describe('scheduleConfigSchema', () => {
  it('fills defaults', () => {
    expect(scheduleConfigSchema.parse({ kind: 'reduceOnPlateau' })).toEqual({
      kind: 'reduceOnPlateau',
      stepUnit: 'epoch',
      monitor: 'val.loss',
      mode: 'min',
      factor: 0.1,
      patience: 10,
      threshold: 1e-4,
      thresholdMode: 'rel',
      cooldown: 0,
      minLr: 0,
      eps: 1e-8,
    });
    expect(scheduleConfigSchema.parse({ kind: 'cosine', warmup: { duration: 3 } })).toEqual({
      kind: 'cosine',
      stepUnit: 'epoch',
      warmup: { duration: 3, startFactor: 1 / 3 },
      etaMin: 0,
    });
  });

  it('names every bad field with what it received', () => {
    expect(problems({ kind: 'step', stepSize: 0, gamma: 'x', stepUnit: 'day' })).toEqual([
      'stepUnit: must be "batch" or "epoch", received "day"',
      'stepSize: must be a whole number ≥ 1, received 0',
      'gamma: must be a number > 0, received "x"',
    ]);
    expect(problems({ kind: 'reduceOnPlateau', stepUnit: 'batch', factor: 1 })).toEqual([
      'stepUnit: must be "epoch" (plateaus are judged once per epoch), received "batch"',
      'factor: must be a number > 0 and < 1, received 1',
    ]);
    expect(problems({ kind: 'cyclic', warmup: { duration: 2, startFactor: 0 } })).toEqual([
      'warmup.startFactor: must be a number > 0 and ≤ 1, received 0',
      'maxLr: must be a number > 0, received nothing',
    ]);
  });

  it('rejects unknown kinds and misspelt fields', () => {
    expect(problems({ kind: 'onecycle' })[0]).toMatch(
      /^kind: must be "constant", "step", .*received "onecycle"$/,
    );
    expect(problems({ kind: 'step', step_size: 3 })).toEqual([
      expect.stringContaining('step_size'),
    ]);
  });
});
