import { describe, expect, it } from 'vitest';
import { autoOutputBias } from './output-bias';

describe('autoOutputBias', () => {
  it('sets a sigmoid unit to the log-odds of the positive share', () => {
    const bias = autoOutputBias('binary', [1, 0, 0, 0], 1);
    expect(bias?.[0]).toBeCloseTo(Math.log(0.25 / 0.75), 6);
  });

  it('sets softmax units to the log class priors, flooring absent classes', () => {
    const bias = autoOutputBias('multiclass', [0, 0, 1, 0], 3) as Float32Array;
    expect(bias[0]).toBeCloseTo(Math.log(0.75), 6);
    expect(bias[1]).toBeCloseTo(Math.log(0.25), 6);
    expect(bias[2]).toBeCloseTo(Math.log(1e-6), 4);
  });

  it('sets a Poisson log-rate to the log of the mean count and leaves regression alone', () => {
    expect(autoOutputBias('count', [1, 2, 3, 6], 1)?.[0]).toBeCloseTo(Math.log(3), 6);
    expect(autoOutputBias('regression', [1, 2], 1)).toBeNull();
  });
});
