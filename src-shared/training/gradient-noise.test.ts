import { describe, expect, it } from 'vitest';
import { gradientNoiseVariance } from './gradient-noise';

describe('gradientNoiseVariance', () => {
  it('is η/(1+t)^γ', () => {
    expect(gradientNoiseVariance(0.3, 0.55, 0)).toBe(0.3);
    expect(gradientNoiseVariance(1, 0.55, 99)).toBeCloseTo(100 ** -0.55, 15);
    expect(gradientNoiseVariance(0.01, 1, 3)).toBe(0.0025);
    expect(gradientNoiseVariance(0.5, 0, 1000)).toBe(0.5);
  });

  it('rejects a bad step, eta or gamma', () => {
    expect(() => gradientNoiseVariance(1, 0.55, -1)).toThrow(
      'gradient noise: step must be a whole number ≥ 0, received -1',
    );
    expect(() => gradientNoiseVariance(-1, 0.55, 0)).toThrow(
      'gradient noise: eta must be a number ≥ 0, received -1',
    );
    expect(() => gradientNoiseVariance(1, Number.NaN, 0)).toThrow(
      'gradient noise: gamma must be a number ≥ 0, received NaN',
    );
  });
});
