import { requireBinaryLabels, requireFinite, requireSameLength } from './input-checks';

export function checkBinaryScores(yTrue: ArrayLike<number>, scores: ArrayLike<number>): void {
  requireSameLength('yTrue', yTrue, 'scores', scores);
  requireBinaryLabels('yTrue', yTrue);
  requireFinite('scores', scores);
}

export function countPositives(yTrue: ArrayLike<number>): number {
  let positives = 0;
  for (let i = 0; i < yTrue.length; i++) positives += yTrue[i] as number;
  return positives;
}

/**
 * Cumulative false and true positives when everything scoring ≥ each distinct score is called
 * positive, from the highest score down (scikit-learn `_binary_clf_curve`).
 */
export interface ThresholdCounts {
  readonly falsePositives: number[];
  readonly truePositives: number[];
  readonly thresholds: number[];
}

export function countAtThresholds(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
): ThresholdCounts {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  const falsePositives: number[] = [];
  const truePositives: number[] = [];
  const thresholds: number[] = [];
  let positives = 0;
  order.forEach((sample, rank) => {
    positives += yTrue[sample] as number;
    const score = scores[sample] as number;
    const next = order[rank + 1];
    // Tied scores share one threshold: emit only at the last sample of each run of equal scores.
    if (next === undefined || scores[next] !== score) {
      truePositives.push(positives);
      falsePositives.push(rank + 1 - positives);
      thresholds.push(score);
    }
  });
  return { falsePositives, truePositives, thresholds };
}
