import { requireFinite } from './input-checks';
import { defined, undefinedBecause, type MetricResult } from './metric-result';
import { studentTTwoSidedPValue } from './special-functions';

export interface WelchTTest {
  readonly meanA: number;
  readonly meanB: number;
  /** (meanA − meanB) / standard error; positive when A is larger. */
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom (not a whole number in general). */
  readonly df: number;
  /** Two-sided: the chance of a |t| at least this large if both groups had the same mean. */
  readonly pValue: number;
}

interface Moments {
  readonly mean: number;
  /** Sample variance (n − 1 in the denominator); exactly 0 when every value is equal. */
  readonly variance: number;
}

function momentsOf(values: ArrayLike<number>): Moments {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  const mean = sum / values.length;
  let squares = 0;
  let constant = true;
  for (let i = 0; i < values.length; i++) {
    squares += ((values[i] as number) - mean) ** 2;
    if (values[i] !== values[0]) constant = false;
  }
  return { mean, variance: constant ? 0 : squares / (values.length - 1) };
}

/**
 * Welch's unequal-variance t-test of two groups, e.g. the final validation metric of each restart
 * under strategy A and under strategy B (SciPy `ttest_ind(a, b, equal_var=False)`).
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): MetricResult<WelchTTest> {
  requireFinite('a', a);
  requireFinite('b', b);
  for (const [name, group] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (group.length < 2) {
      return undefinedBecause(
        `group ${name} needs at least two values to estimate its variance, received ${group.length}`,
      );
    }
  }
  const first = momentsOf(a);
  const second = momentsOf(b);
  const shareA = first.variance / a.length;
  const shareB = second.variance / b.length;
  const standardErrorSquared = shareA + shareB;
  if (standardErrorSquared === 0) {
    return undefinedBecause('both groups have zero variance, so t is undefined');
  }
  const t = (first.mean - second.mean) / Math.sqrt(standardErrorSquared);
  const df =
    standardErrorSquared ** 2 / (shareA ** 2 / (a.length - 1) + shareB ** 2 / (b.length - 1));
  return defined({
    meanA: first.mean,
    meanB: second.mean,
    t,
    df,
    pValue: studentTTwoSidedPValue(t, df),
  });
}
