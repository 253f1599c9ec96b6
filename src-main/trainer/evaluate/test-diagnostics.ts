import type { Task } from '@shared/experiment/spec';
import {
  MAX_CURVE_POINTS,
  MAX_RESIDUAL_PAIRS,
  type ClassificationDiagnostics,
  type TestDiagnostics,
} from '@shared/contract/diagnostics';
import {
  averagePrecision,
  confusionMatrix,
  precisionRecallCurve,
  rocAuc,
  rocCurve,
} from '@shared/metrics';
import { predictedClasses } from './task-metrics';

/**
 * At most `max` indices into a list of `length`, evenly spaced and always holding the first and the
 * last, so a thinned curve keeps its ends and the same data always gives the same points.
 */
export function evenlySpacedIndices(length: number, max: number): number[] {
  if (length <= max) return [...Array(length).keys()];
  if (max < 2) throw new Error(`max: must be at least 2 to keep both ends, received ${max}`);
  const step = (length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => Math.round(i * step));
}

function pick(values: readonly number[], indices: readonly number[]): number[] {
  return indices.map((i) => values[i] as number);
}

/** The positive class's score per example, for a sigmoid (1 column) or a two-class softmax. */
function positiveScores(predictions: Float32Array, columns: number): Float64Array {
  if (columns === 1) return Float64Array.from(predictions);
  return Float64Array.from({ length: predictions.length / columns }, (_, i) => {
    return predictions[i * columns + 1] as number;
  });
}

function binaryCurves(
  labels: Float64Array,
  scores: Float64Array,
): Pick<ClassificationDiagnostics, 'roc' | 'precisionRecall'> {
  const roc = rocCurve(labels, scores);
  const auc = rocAuc(labels, scores);
  const pr = precisionRecallCurve(labels, scores);
  const ap = averagePrecision(labels, scores);
  const rocKept = roc.defined ? evenlySpacedIndices(roc.value.fpr.length, MAX_CURVE_POINTS) : [];
  const prKept = pr.defined ? evenlySpacedIndices(pr.value.recall.length, MAX_CURVE_POINTS) : [];
  return {
    roc:
      roc.defined && auc.defined
        ? {
            falsePositiveRate: pick(roc.value.fpr, rocKept),
            truePositiveRate: pick(roc.value.tpr, rocKept),
            auc: auc.value,
          }
        : null,
    precisionRecall:
      pr.defined && ap.defined
        ? {
            recall: pick(pr.value.recall, prKept),
            precision: pick(pr.value.precision, prKept),
            averagePrecision: ap.value,
          }
        : null,
  };
}

/**
 * The selected model's test-split diagnostics from its predictions (as `predictions()` makes them):
 * the confusion matrix and, for a binary task, ROC and precision-recall curves; for regression and
 * counts an evenly spaced subset of (actual, predicted) pairs. `classes` names the class indices.
 */
export function testDiagnostics(
  task: Task,
  classes: readonly string[] | null,
  targets: Float32Array,
  predictions: Float32Array,
  columns: number,
): TestDiagnostics {
  if (task === 'regression' || task === 'count') {
    const kept = evenlySpacedIndices(targets.length, MAX_RESIDUAL_PAIRS);
    return {
      kind: 'regression',
      testCount: targets.length,
      actual: kept.map((i) => targets[i] as number),
      predicted: kept.map((i) => predictions[i] as number),
    };
  }
  const classCount = Math.max(columns, 2);
  if (classes === null || classes.length !== classCount) {
    throw new Error(
      `classes: a ${task} model with ${classCount} classes needs as many class labels, received ${classes === null ? 'none' : classes.length}`,
    );
  }
  const labels = Float64Array.from(targets);
  const matrix = confusionMatrix(labels, predictedClasses(predictions, columns), {
    labels: [...Array(classCount).keys()],
  });
  return {
    kind: 'classification',
    classes: [...classes],
    confusionMatrix: matrix.counts,
    ...(classCount === 2
      ? binaryCurves(labels, positiveScores(predictions, columns))
      : { roc: null, precisionRecall: null }),
  };
}
