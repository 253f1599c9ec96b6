import { describe, expect, it } from 'vitest';
import { decimalsFor, formatInterval, formatMeanSpread, formatNumber } from './number-format';

describe('number format', () => {
  it('takes its decimals from two significant digits of the uncertainty', () => {
    expect(decimalsFor(0.01751)).toBe(3);
    expect(decimalsFor(0.25)).toBe(2);
    expect(decimalsFor(3.2)).toBe(1);
    expect(decimalsFor(42)).toBe(0);
    expect(decimalsFor(0)).toBeNull();
    expect(decimalsFor(Number.NaN)).toBeNull();
  });

  it('writes a mean and its spread at one precision', () => {
    expect(formatMeanSpread(0.5689, 0.01751)).toBe('0.569 ± 0.018');
    expect(formatMeanSpread(0.5689, null)).toBe('0.5689');
    expect(formatMeanSpread(12.345, 1.2)).toBe('12.3 ± 1.2');
  });

  it('writes an estimate and interval without exponents, with a true minus sign', () => {
    expect(formatInterval(-0.004358, -0.0112, 0.0025)).toEqual({
      estimate: '−0.0044',
      lower: '−0.0112',
      upper: '0.0025',
    });
    expect(formatInterval(9.773e-4, 2.1e-4, 1.74e-3)).toEqual({
      estimate: '+0.00098',
      lower: '0.00021',
      upper: '0.00174',
    });
  });

  it('never writes −0, and words for what is not a number', () => {
    expect(formatNumber(-0.00001, 2)).toBe('0.00');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });
});
