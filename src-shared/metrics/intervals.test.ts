import { describe, expect, it } from 'vitest';
import fixture from './fixtures/scipy-intervals.json';
import { bcaInterval } from './bca';
import { normalCdf, normalQuantile, studentTQuantile } from './distributions';
import { formatPValue } from './comparison-text';
import { holmAdjust } from './holm';
import { BOOTSTRAP_FROM_PAIRS, comparePaired } from './paired-comparison';

function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected) + 1e-300);
}

describe('distribution functions against SciPy', () => {
  it.each(fixture.normalCdf)('norm.cdf($x)', ({ x, value }) => {
    expectRelativelyClose(normalCdf(x), value, 1e-13);
  });
  it.each(fixture.normalQuantile)('norm.ppf($p)', ({ p, value }) => {
    expectRelativelyClose(normalQuantile(p), value, 1e-13);
  });
  // SciPy's t.ppf (cdflib's iterative inversion) stops at ~2e-9 relative: at its t.ppf(0.6, 19),
  // SciPy's own 2·t.sf is 4e-10 away from 0.8, while Basin's quantile meets it to 1e-16.
  it.each(fixture.studentTQuantile)('t.ppf($p, df=$df)', ({ p, df, quantile }) => {
    expectRelativelyClose(studentTQuantile(p, df), quantile, 5e-9);
  });
  it('rejects levels outside the distribution', () => {
    expect(() => studentTQuantile(1, 3)).toThrow('p must be in (0, 1), received 1');
    expect(() => normalQuantile(-0.1)).toThrow('received -0.1');
  });
});

describe('paired t-interval and test against SciPy ttest_rel', () => {
  it.each(fixture.pairedT)('$name', ({ a, b, pValue, interval95, interval90 }) => {
    const differences = a.map((value, i) => value - b[i]!);
    for (const [confidence, expected] of [
      [0.95, interval95],
      [0.9, interval90],
    ] as const) {
      const result = comparePaired(differences, { seed: 1, confidence });
      expect(result.interval?.method).toBe('paired-t');
      // The interval inherits SciPy's t.ppf precision (above).
      expectRelativelyClose(result.interval!.lower, expected[0]!, 1e-8);
      expectRelativelyClose(result.interval!.upper, expected[1]!, 1e-8);
      expectRelativelyClose(result.pValue!, pValue, 1e-10);
      expect(result.n).toBe(a.length);
    }
  });

  it('gives no interval and no p-value for one restart, and says why', () => {
    expect(comparePaired([0.004], { seed: 1 })).toEqual({
      n: 1,
      estimate: 0.004,
      interval: null,
      pValue: null,
      note: 'needs ≥ 2 restarts',
    });
    expect(comparePaired([0.004], { seed: 1, pairs: 'folds' }).note).toBe('needs ≥ 2 folds');
  });

  it('gives no zero-width interval when every pair differs by the same amount', () => {
    const result = comparePaired([0.01, 0.01, 0.01], { seed: 1 });
    expect(result).toMatchObject({ n: 3, interval: null, pValue: null });
    expect(result.note).toContain('spread is unknown');
  });

  it('switches to the BCa bootstrap at 20 pairs', () => {
    const differences = Array.from({ length: 25 }, (_, i) => Math.sin(i) * 0.01 + 0.002);
    expect(
      comparePaired(differences.slice(0, BOOTSTRAP_FROM_PAIRS - 1), { seed: 1 }).interval?.method,
    ).toBe('paired-t');
    const bootstrap = comparePaired(differences, { seed: 1 });
    expect(bootstrap.interval?.method).toBe('bca-bootstrap');
    expect(comparePaired(differences, { seed: 1 })).toEqual(bootstrap);
  });

  it('names a non-finite difference', () => {
    expect(() => comparePaired([0.1, Number.NaN], { seed: 1 })).toThrow('differences');
  });
});

describe('BCa interval against SciPy bootstrap(method="BCa") on the same resamples', () => {
  it.each(fixture.bca)(
    '$name',
    ({ data, indices, resamples, confidence, bias, acceleration, interval }) => {
      const n = data.length;
      const mean = (values: number[]) =>
        values.reduce((sum, value) => sum + value, 0) / values.length;
      const replicates = Array.from({ length: resamples }, (_, r) =>
        mean(indices.slice(r * n, (r + 1) * n).map((i) => data[i]!)),
      );
      const jackknife = data.map((_, left) => mean(data.filter((__, i) => i !== left)));
      const result = bcaInterval({ estimate: mean(data), replicates, jackknife, confidence });
      if (!result.defined) throw new Error(result.reason);
      expectRelativelyClose(result.value.bias, bias, 1e-12);
      expectRelativelyClose(result.value.acceleration, acceleration, 1e-9);
      expectRelativelyClose(result.value.lower, interval[0]!, 1e-12);
      expectRelativelyClose(result.value.upper, interval[1]!, 1e-12);
    },
  );

  it('is undefined on data without spread', () => {
    const result = bcaInterval({
      estimate: 1,
      replicates: [1, 1, 1],
      jackknife: [1, 1, 1],
      confidence: 0.95,
    });
    expect(result.defined).toBe(false);
  });
});

describe('Holm adjustment against statsmodels multipletests(method="holm")', () => {
  it.each(fixture.holm)('$pValues', ({ pValues, adjusted }) => {
    holmAdjust(pValues).forEach((value, i) => expectRelativelyClose(value, adjusted[i]!, 1e-14));
  });
  it('rejects a p-value outside [0, 1]', () => {
    expect(() => holmAdjust([0.2, 1.5])).toThrow('pValues[1]: must be in [0, 1], received 1.5');
  });
});

describe('p-value text', () => {
  it('gives two significant digits and no false precision', () => {
    expect([0.04263, 0.5, 0.00099].map(formatPValue)).toEqual(['0.043', '0.50', '<0.001']);
  });
});
