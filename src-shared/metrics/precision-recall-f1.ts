import { checkClassPairs, countByLabel, resolveLabels } from './class-labels';
import { requireBinaryLabels } from './input-checks';
import { defined, NO_SAMPLES, undefinedBecause, type MetricResult } from './metric-result';

/**
 * What a 0/0 scores as: precision of a class never predicted, recall of a class absent from
 * yTrue. scikit-learn's default (`zero_division="warn"`) scores 0 and warns; here the choice is an
 * argument and the result says whether it was used instead of warning.
 */
export type ZeroDivision = 0 | 1;

export type Average = 'binary' | 'macro' | 'micro' | 'weighted';

export interface ClassScores {
  readonly label: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Samples of this class in yTrue. */
  readonly support: number;
  /** The class was never predicted, so precision is `zeroDivision`. */
  readonly precisionWasZeroDivision: boolean;
  /** The class is absent from yTrue, so recall is `zeroDivision`. */
  readonly recallWasZeroDivision: boolean;
}

export interface AveragedScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Some precision in the average was 0/0 and scored as `zeroDivision`. */
  readonly precisionZeroDivision: boolean;
  /** Some recall in the average was 0/0 and scored as `zeroDivision`. */
  readonly recallZeroDivision: boolean;
}

interface Ratio {
  readonly value: number;
  readonly wasZeroDivision: boolean;
}

function divide(numerator: number, denominator: number, zeroDivision: ZeroDivision): Ratio {
  return denominator === 0
    ? { value: zeroDivision, wasZeroDivision: true }
    : { value: numerator / denominator, wasZeroDivision: false };
}

/** Harmonic mean as scikit-learn computes it: 0 when precision and recall are both 0. */
function f1Of(precision: number, recall: number): number {
  const denominator = precision + recall;
  return denominator === 0 ? 0 : (2 * precision * recall) / denominator;
}

function scoreClasses(
  labels: readonly number[],
  counts: ReturnType<typeof countByLabel>,
  zeroDivision: ZeroDivision,
): ClassScores[] {
  return labels.map((label, i) => {
    const truePositives = counts.truePositives[i] as number;
    const precision = divide(truePositives, counts.predicted[i] as number, zeroDivision);
    const recall = divide(truePositives, counts.actual[i] as number, zeroDivision);
    return {
      label,
      precision: precision.value,
      recall: recall.value,
      f1: f1Of(precision.value, recall.value),
      support: counts.actual[i] as number,
      precisionWasZeroDivision: precision.wasZeroDivision,
      recallWasZeroDivision: recall.wasZeroDivision,
    };
  });
}

/** scikit-learn `precision_recall_fscore_support(average=None)`: one entry per label. */
export function perClassPrecisionRecallF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: { zeroDivision?: ZeroDivision; labels?: readonly number[] } = {},
): ClassScores[] {
  checkClassPairs(yTrue, yPred);
  const labels = resolveLabels(yTrue, yPred, options.labels);
  return scoreClasses(labels, countByLabel(yTrue, yPred, labels), options.zeroDivision ?? 0);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function weightedMean(values: readonly number[], weights: readonly number[] | null): number {
  if (weights === null) return sum(values) / values.length;
  return sum(values.map((value, i) => value * (weights[i] as number))) / sum(weights);
}

function averageClasses(
  scores: readonly ClassScores[],
  weights: readonly number[] | null,
): AveragedScores {
  const average = (pick: (scores: ClassScores) => number) =>
    weightedMean(scores.map(pick), weights);
  return {
    precision: average((s) => s.precision),
    recall: average((s) => s.recall),
    f1: average((s) => s.f1),
    precisionZeroDivision: scores.some((s) => s.precisionWasZeroDivision),
    recallZeroDivision: scores.some((s) => s.recallWasZeroDivision),
  };
}

/**
 * scikit-learn `precision_recall_fscore_support` with `average` set:
 * - binary: the scores of class 1 (both arrays must hold only 0 and 1);
 * - macro: unweighted mean over labels;
 * - micro: from true positives and counts pooled over labels;
 * - weighted: mean over labels weighted by support. When no listed label occurs in yTrue the
 *   weights are all 0 and, as in scikit-learn, precision and F1 are 0 (or `zeroDivision` when
 *   nothing was predicted either) and recall is `zeroDivision`.
 * Labels default to those present in yTrue or yPred (not allowed with `binary`).
 */
export function precisionRecallF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: { average: Average; zeroDivision?: ZeroDivision; labels?: readonly number[] },
): MetricResult<AveragedScores> {
  checkClassPairs(yTrue, yPred);
  const zeroDivision = options.zeroDivision ?? 0;
  if (options.average === 'binary') {
    if (options.labels !== undefined) {
      throw new Error('labels: not used with average "binary", which scores class 1');
    }
    requireBinaryLabels('yTrue', yTrue);
    requireBinaryLabels('yPred', yPred);
  }
  const labels = options.average === 'binary' ? [1] : resolveLabels(yTrue, yPred, options.labels);
  if (labels.length === 0) return undefinedBecause(NO_SAMPLES);
  const counts = countByLabel(yTrue, yPred, labels);
  const scores = scoreClasses(labels, counts, zeroDivision);

  switch (options.average) {
    case 'binary':
    case 'macro':
      return defined(averageClasses(scores, null));
    case 'micro': {
      const pooled = scoreClasses(
        [0],
        {
          truePositives: [sum(counts.truePositives)],
          predicted: [sum(counts.predicted)],
          actual: [sum(counts.actual)],
        },
        zeroDivision,
      );
      return defined(averageClasses(pooled, null));
    }
    case 'weighted': {
      if (sum(counts.actual) === 0) {
        const nothingPredicted = sum(counts.predicted) === 0;
        return defined({
          precision: nothingPredicted ? zeroDivision : 0,
          recall: zeroDivision,
          f1: nothingPredicted ? zeroDivision : 0,
          precisionZeroDivision: nothingPredicted,
          recallZeroDivision: true,
        });
      }
      return defined(averageClasses(scores, counts.actual));
    }
  }
}
