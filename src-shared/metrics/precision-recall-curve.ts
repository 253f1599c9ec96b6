import { defined, NO_SAMPLES, undefinedBecause, type MetricResult } from './metric-result';
import { checkBinaryScores, countAtThresholds, countPositives } from './threshold-counts';

const NO_POSITIVES = 'no positive samples in y_true, so recall is undefined';

export interface PrecisionRecallCurve {
  /** One more than thresholds: the curve ends at precision 1, recall 0. */
  readonly precision: number[];
  readonly recall: number[];
  /** Increasing distinct scores. */
  readonly thresholds: number[];
}

/** scikit-learn 1.2 `precision_recall_curve` (every distinct score, none dropped). */
export function precisionRecallCurve(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
): MetricResult<PrecisionRecallCurve> {
  checkBinaryScores(yTrue, scores);
  if (yTrue.length === 0) return undefinedBecause(NO_SAMPLES);
  const positives = countPositives(yTrue);
  if (positives === 0) return undefinedBecause(NO_POSITIVES);

  const counts = countAtThresholds(yTrue, scores);
  const precision = counts.truePositives.map(
    (tp, i) => tp / (tp + (counts.falsePositives[i] as number)),
  );
  const recall = counts.truePositives.map((tp) => tp / positives);
  return defined({
    precision: [...precision.reverse(), 1],
    recall: [...recall.reverse(), 0],
    thresholds: [...counts.thresholds].reverse(),
  });
}

/**
 * scikit-learn `average_precision_score`: Σ (Rₙ − Rₙ₋₁) Pₙ over thresholds, the step-wise area
 * under the precision-recall curve without interpolation.
 */
export function averagePrecision(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
): MetricResult {
  const curve = precisionRecallCurve(yTrue, scores);
  if (!curve.defined) return curve;
  const { precision, recall } = curve.value;
  let area = 0;
  for (let i = 0; i + 1 < recall.length; i++) {
    area -= ((recall[i + 1] as number) - (recall[i] as number)) * (precision[i] as number);
  }
  return defined(area);
}
