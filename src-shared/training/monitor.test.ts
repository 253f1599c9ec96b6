import { describe, expect, it } from 'vitest';
import { improves } from './monitor';

describe('improves (Keras _is_improvement)', () => {
  it('compares in the monitor direction, by more than minDelta whatever its sign', () => {
    expect(improves('min', 0.5, 0.6)).toBe(true);
    expect(improves('min', 0.6, 0.6)).toBe(false);
    expect(improves('max', 0.7, 0.6)).toBe(true);
    expect(improves('min', 0.55, 0.6, 0.1)).toBe(false);
    expect(improves('min', 0.45, 0.6, -0.1)).toBe(true);
    expect(improves('max', 0.65, 0.6, 0.1)).toBe(false);
  });

  it('starts from ±∞ and never counts NaN', () => {
    expect(improves('min', 1e300, null)).toBe(true);
    expect(improves('max', -1e300, null)).toBe(true);
    expect(improves('min', Infinity, null)).toBe(false);
    expect(improves('min', Number.NaN, null)).toBe(false);
    expect(improves('max', Number.NaN, 0)).toBe(false);
  });
});
