import {
  requireBelow,
  requireClassIndices,
  requireFinite,
  requireSameLength,
  requireScoreRows,
} from './input-checks';
import { defined, NO_SAMPLES, undefinedBecause, type MetricResult } from './metric-result';
import { checkBinaryScores, countAtThresholds, countPositives } from './threshold-counts';
import { trapezoid } from './trapezoid';

const ONLY_ONE_CLASS = 'only one class present in y_true';

export interface RocCurve {
  readonly fpr: number[];
  readonly tpr: number[];
  /**
   * Decreasing; the first is the highest score + 1 (scikit-learn 1.2; later versions use +∞,
   * which JSON cannot carry) so that the curve starts at (0, 0).
   */
  readonly thresholds: number[];
}

/**
 * scikit-learn `roc_curve(drop_intermediate=True)`: points that lie on a straight horizontal or
 * vertical run between their neighbours are dropped, since they do not change the curve's shape.
 */
export function rocCurve(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
): MetricResult<RocCurve> {
  checkBinaryScores(yTrue, scores);
  if (yTrue.length === 0) return undefinedBecause(NO_SAMPLES);
  const positives = countPositives(yTrue);
  if (positives === 0 || positives === yTrue.length) return undefinedBecause(ONLY_ONE_CLASS);

  const counts = countAtThresholds(yTrue, scores);
  const fps = counts.falsePositives;
  const tps = counts.truePositives;
  const last = fps.length - 1;
  const kept = fps
    .map((_, i) => i)
    .filter((i) => {
      if (last < 2 || i === 0 || i === last) return true;
      const secondDifference = (at: number[]) =>
        (at[i + 1] as number) - 2 * (at[i] as number) + (at[i - 1] as number);
      return secondDifference(fps) !== 0 || secondDifference(tps) !== 0;
    });

  const negatives = yTrue.length - positives;
  const firstThreshold = counts.thresholds[0] as number;
  return defined({
    fpr: [0, ...kept.map((i) => (fps[i] as number) / negatives)],
    tpr: [0, ...kept.map((i) => (tps[i] as number) / positives)],
    thresholds: [firstThreshold + 1, ...kept.map((i) => counts.thresholds[i] as number)],
  });
}

/** Area under the ROC curve of a binary problem (scikit-learn `roc_auc_score`). */
export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): MetricResult {
  const curve = rocCurve(yTrue, scores);
  return curve.defined ? defined(trapezoid(curve.value.fpr, curve.value.tpr)) : curve;
}

/**
 * Unweighted mean over classes of the AUC of class k against the rest, scored by column k
 * (scikit-learn `roc_auc_score(multi_class="ovr", average="macro", labels=range(K))`). Undefined
 * when some class is absent from yTrue, since its AUC is.
 */
export function rocAucOneVsRest(
  yTrue: ArrayLike<number>,
  scores: ReadonlyArray<ArrayLike<number>>,
): MetricResult {
  requireSameLength('yTrue', yTrue, 'scores', scores);
  const classes = requireScoreRows('scores', scores);
  requireClassIndices('yTrue', yTrue);
  requireBelow('yTrue', yTrue, classes);
  scores.forEach((row, i) => requireFinite(`scores[${i}]`, row));
  if (yTrue.length === 0) return undefinedBecause(NO_SAMPLES);

  let total = 0;
  for (let k = 0; k < classes; k++) {
    const isClass = Array.from(yTrue, (label) => (label === k ? 1 : 0));
    const auc = rocAuc(
      isClass,
      scores.map((row) => row[k] as number),
    );
    if (!auc.defined) {
      const present = countPositives(isClass) > 0;
      return undefinedBecause(
        present
          ? `${ONLY_ONE_CLASS} (every sample is class ${k})`
          : `class ${k} has no samples in y_true, so its one-vs-rest AUC is undefined`,
      );
    }
    total += auc.value;
  }
  return defined(total / classes);
}
