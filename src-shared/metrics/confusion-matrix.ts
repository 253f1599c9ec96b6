import { checkClassPairs, resolveLabels } from './class-labels';

export interface ConfusionMatrix {
  readonly labels: number[];
  /** counts[i][j]: samples of true class labels[i] predicted as labels[j]. */
  readonly counts: number[][];
}

/**
 * scikit-learn `confusion_matrix`: rows are true classes, columns predicted classes. Labels default
 * to those present in yTrue or yPred; samples whose label is not listed are left out.
 */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: { labels?: readonly number[] } = {},
): ConfusionMatrix {
  checkClassPairs(yTrue, yPred);
  const labels = resolveLabels(yTrue, yPred, options.labels);
  const position = new Map(labels.map((label, i) => [label, i]));
  const counts = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < yTrue.length; i++) {
    const row = counts[position.get(yTrue[i] as number) ?? -1];
    const column = position.get(yPred[i] as number);
    if (row !== undefined && column !== undefined) row[column] = (row[column] as number) + 1;
  }
  return { labels, counts };
}
