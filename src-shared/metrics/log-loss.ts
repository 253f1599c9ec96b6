import {
  requireBelow,
  requireBinaryLabels,
  requireClassIndices,
  requireProbabilities,
  requireSameLength,
  requireScoreRows,
} from './input-checks';
import { defined, NO_SAMPLES, undefinedBecause, type MetricResult } from './metric-result';

/**
 * scikit-learn 1.2 (`eps="auto"`) clips probabilities to [ε, 1 − ε] with ε the float64 machine
 * epsilon, so a confident wrong answer costs about 36 nats instead of infinity, then divides each
 * row by its sum.
 */
const CLIP = Number.EPSILON;

function clip(probability: number): number {
  return Math.min(Math.max(probability, CLIP), 1 - CLIP);
}

/** Binary cross-entropy in nats; `pPositive[i]` is the predicted probability that sample i is 1. */
export function binaryLogLoss(
  yTrue: ArrayLike<number>,
  pPositive: ArrayLike<number>,
): MetricResult {
  requireSameLength('yTrue', yTrue, 'pPositive', pPositive);
  requireBinaryLabels('yTrue', yTrue);
  requireProbabilities('pPositive', pPositive);
  if (yTrue.length === 0) return undefinedBecause(NO_SAMPLES);
  let total = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const positive = clip(pPositive[i] as number);
    const negative = 1 - positive;
    total -= Math.log((yTrue[i] === 1 ? positive : negative) / (negative + positive));
  }
  return defined(total / yTrue.length);
}

/**
 * Multiclass cross-entropy in nats (scikit-learn `log_loss` with `labels` = every column):
 * `probabilities[i][k]` is the predicted probability that sample i is class k.
 */
export function logLoss(
  yTrue: ArrayLike<number>,
  probabilities: ReadonlyArray<ArrayLike<number>>,
): MetricResult {
  requireSameLength('yTrue', yTrue, 'probabilities', probabilities);
  const classes = requireScoreRows('probabilities', probabilities);
  requireClassIndices('yTrue', yTrue);
  requireBelow('yTrue', yTrue, classes);
  probabilities.forEach((row, i) => requireProbabilities(`probabilities[${i}]`, row));
  if (yTrue.length === 0) return undefinedBecause(NO_SAMPLES);
  let total = 0;
  probabilities.forEach((row, i) => {
    let rowSum = 0;
    for (let k = 0; k < classes; k++) rowSum += clip(row[k] as number);
    total -= Math.log(clip(row[yTrue[i] as number] as number) / rowSum);
  });
  return defined(total / yTrue.length);
}
