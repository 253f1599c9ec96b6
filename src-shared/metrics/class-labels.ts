import { requireClassIndices, requireSameLength } from './input-checks';

/** Predicted and true class indices, checked once for every classification metric. */
export function checkClassPairs(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  requireSameLength('yTrue', yTrue, 'yPred', yPred);
  requireClassIndices('yTrue', yTrue);
  requireClassIndices('yPred', yPred);
}

/**
 * The labels a classification metric reports on: the caller's list, or (as scikit-learn does) the
 * sorted set of labels present in yTrue or yPred.
 */
export function resolveLabels(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  labels: readonly number[] | undefined,
): number[] {
  if (labels !== undefined) {
    requireClassIndices('labels', labels);
    if (new Set(labels).size !== labels.length) {
      throw new Error(`labels: must not repeat a label, received [${labels.join(', ')}]`);
    }
    return [...labels];
  }
  const present = new Set<number>();
  for (let i = 0; i < yTrue.length; i++) present.add(yTrue[i] as number);
  for (let i = 0; i < yPred.length; i++) present.add(yPred[i] as number);
  return [...present].sort((a, b) => a - b);
}

/** Per label (in the order of `labels`): true positives, predicted count and actual count. */
export interface LabelCounts {
  readonly truePositives: number[];
  readonly predicted: number[];
  readonly actual: number[];
}

export function countByLabel(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  labels: readonly number[],
): LabelCounts {
  const position = new Map(labels.map((label, i) => [label, i]));
  const truePositives = labels.map(() => 0);
  const predicted = labels.map(() => 0);
  const actual = labels.map(() => 0);
  for (let i = 0; i < yTrue.length; i++) {
    const truth = position.get(yTrue[i] as number);
    const guess = position.get(yPred[i] as number);
    if (truth !== undefined) actual[truth] = (actual[truth] as number) + 1;
    if (guess !== undefined) predicted[guess] = (predicted[guess] as number) + 1;
    if (truth !== undefined && truth === guess) {
      truePositives[truth] = (truePositives[truth] as number) + 1;
    }
  }
  return { truePositives, predicted, actual };
}
