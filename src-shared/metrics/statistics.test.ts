import { describe, expect, it } from 'vitest';
import fixture from './fixtures/scipy-stats.json';
import { quantileOfSorted } from './quantile';
import { logGamma, regularizedIncompleteBeta, studentTTwoSidedPValue } from './special-functions';
import { welchTTest } from './welch';

/** Relative: p-values reach 1e-70, where an absolute 1e-9 would test nothing. */
function expectRelativelyClose(
  actual: number,
  expected: number | undefined,
  tolerance = 1e-9,
): void {
  expect(expected).toBeTypeOf('number');
  const reference = expected as number;
  expect(Math.abs(actual - reference)).toBeLessThanOrEqual(
    tolerance * Math.abs(reference) + 1e-300,
  );
}

describe("Welch's t-test against SciPy ttest_ind(equal_var=False)", () => {
  it('covers a tiny p-value, t = 0 and constant groups', () => {
    expect(fixture.welch.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'huge effect (tiny p)',
        'equal means (t = 0)',
        'both groups constant',
      ]),
    );
  });

  it.each(fixture.welch)('$name', ({ a, b, expected }) => {
    const result = welchTTest(a, b);
    if (expected === null) {
      expect(result).toEqual({
        defined: false,
        reason: 'both groups have zero variance, so t is undefined',
      });
      return;
    }
    if (!result.defined) throw new Error(result.reason);
    expect(Math.abs(result.value.t - expected.t)).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(expected.t)),
    );
    expectRelativelyClose(result.value.df, expected.df);
    expectRelativelyClose(result.value.pValue, expected.pValue);
  });

  it('needs two values per group', () => {
    expect(welchTTest([0.9], [0.8, 0.85])).toEqual({
      defined: false,
      reason: 'group A needs at least two values to estimate its variance, received 1',
    });
  });

  it('is antisymmetric in its groups', () => {
    const ab = welchTTest([1, 2, 4], [0, 3, 3, 5]);
    const ba = welchTTest([0, 3, 3, 5], [1, 2, 4]);
    if (!ab.defined || !ba.defined) throw new Error('expected values');
    expect(ba.value.t).toBe(-ab.value.t);
    expect(ba.value.pValue).toBe(ab.value.pValue);
  });
});

describe('special functions against SciPy', () => {
  it.each(fixture.regularizedIncompleteBeta)('betainc($a, $b, $x)', ({ a, b, x, expected }) => {
    expectRelativelyClose(regularizedIncompleteBeta(a, b, x), expected);
  });

  it.each(fixture.studentTTwoSidedPValue)('2·t.sf(|$t|, $df)', ({ t, df, expected }) => {
    expectRelativelyClose(studentTTwoSidedPValue(t, df), expected);
  });

  it.each(fixture.logGamma)('gammaln($x)', ({ x, expected }) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(expected)),
    );
  });

  it('rejects arguments outside the domain', () => {
    expect(() => regularizedIncompleteBeta(0, 1, 0.5)).toThrow('a and b must be finite and > 0');
    expect(() => regularizedIncompleteBeta(1, 1, 1.5)).toThrow('x must be in [0, 1], received 1.5');
    expect(() => logGamma(-1)).toThrow('x must be a finite number > 0, received -1');
  });
});

describe('quantiles against NumPy percentile', () => {
  it.each(fixture.quantile)('q = $q', ({ values, q, expected }) => {
    const sorted = Float64Array.from(values).sort();
    expectRelativelyClose(quantileOfSorted(sorted, q), expected, 1e-12);
  });
});
