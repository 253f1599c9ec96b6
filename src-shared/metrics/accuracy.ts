import { checkClassPairs } from './class-labels';
import { defined, NO_SAMPLES, undefinedBecause, type MetricResult } from './metric-result';

/** Share of samples whose predicted class equals the true class (scikit-learn `accuracy_score`). */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): MetricResult {
  checkClassPairs(yTrue, yPred);
  if (yTrue.length === 0) return undefinedBecause(NO_SAMPLES);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return defined(correct / yTrue.length);
}
