import { requireFinite, requireSameLength } from './input-checks';
import { defined, NO_SAMPLES, undefinedBecause, type MetricResult } from './metric-result';

function checkPairs(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  requireSameLength('yTrue', yTrue, 'yPred', yPred);
  requireFinite('yTrue', yTrue);
  requireFinite('yPred', yPred);
}

function meanOf(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  termOf: (truth: number, prediction: number, index: number) => number,
): MetricResult {
  checkPairs(yTrue, yPred);
  if (yTrue.length === 0) return undefinedBecause(NO_SAMPLES);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) total += termOf(yTrue[i] as number, yPred[i] as number, i);
  return defined(total / yTrue.length);
}

/** scikit-learn `mean_squared_error`. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): MetricResult {
  return meanOf(yTrue, yPred, (truth, prediction) => (truth - prediction) ** 2);
}

/** scikit-learn `mean_squared_error(squared=False)`. */
export function rootMeanSquaredError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): MetricResult {
  const mse = meanSquaredError(yTrue, yPred);
  return mse.defined ? defined(Math.sqrt(mse.value)) : mse;
}

/** scikit-learn `mean_absolute_error`. */
export function meanAbsoluteError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): MetricResult {
  return meanOf(yTrue, yPred, (truth, prediction) => Math.abs(truth - prediction));
}

/**
 * Coefficient of determination 1 − SSres / SStot (scikit-learn `r2_score(force_finite=False)`).
 * Undefined for fewer than two samples and for a constant target, where there is no variance to
 * explain; scikit-learn's default instead reports 1 or 0 there, and for a target that is constant
 * but whose mean rounds (0.1, 0.1, 0.1) a meaningless −3·10³¹. Constancy is tested exactly.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): MetricResult {
  checkPairs(yTrue, yPred);
  const n = yTrue.length;
  if (n < 2) return undefinedBecause(`R² needs at least two samples, received ${n}`);
  let constant = true;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += yTrue[i] as number;
    if (yTrue[i] !== yTrue[0]) constant = false;
  }
  if (constant) {
    return undefinedBecause('y_true is constant, so there is no variance for R² to explain');
  }
  const mean = sum / n;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    residual += ((yTrue[i] as number) - (yPred[i] as number)) ** 2;
    total += ((yTrue[i] as number) - mean) ** 2;
  }
  return defined(1 - residual / total);
}

/**
 * scikit-learn `mean_poisson_deviance`: mean of 2 (y log(y/μ) − y + μ), with y log(y/μ) = 0 at
 * y = 0. Needs counts y ≥ 0 (a negative one is bad input). A predicted rate μ ≤ 0, which
 * scikit-learn refuses, is what a model with an unbounded output (mse on counts) can predict, so
 * the deviance is then undefined, with the reason, rather than an error that would end a run.
 */
export function meanPoissonDeviance(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): MetricResult {
  checkPairs(yTrue, yPred);
  let nonPositive = 0;
  let first = -1;
  for (let i = 0; i < yPred.length; i++) {
    if ((yPred[i] as number) > 0) continue;
    nonPositive += 1;
    if (first < 0) first = i;
  }
  if (nonPositive > 0) {
    return undefinedBecause(
      `Poisson deviance needs predicted rates > 0, but ${nonPositive} of ${yPred.length} predictions are ≤ 0 (yPred[${first}] is ${yPred[first]})`,
    );
  }
  return meanOf(yTrue, yPred, (truth, rate, i) => {
    if (truth < 0) throw new Error(`yTrue[${i}]: a Poisson target must be ≥ 0, received ${truth}`);
    const truthLogRatio = truth === 0 ? 0 : truth * Math.log(truth / rate);
    return 2 * (truthLogRatio - truth + rate);
  });
}
