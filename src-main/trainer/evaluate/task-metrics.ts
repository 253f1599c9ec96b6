import { formatMetricKey } from '@shared/contract/metric-keys';
import type { Loss, Task } from '@shared/experiment/spec';
import type { MetricName } from '@shared/experiment/metric-names';
import {
  accuracy,
  averagePrecision,
  binaryLogLoss,
  logLoss,
  meanAbsoluteError,
  meanPoissonDeviance,
  meanSquaredError,
  precisionRecallF1,
  predictionLoss,
  r2Score,
  rocAuc,
  rocAucOneVsRest,
  rootMeanSquaredError,
  type MetricResult,
} from '@shared/metrics';

/** Metric values by name, and for those that do not exist on this data, why not. */
export interface MetricValues {
  values: Partial<Record<MetricName, number>>;
  undefinedReasons: Partial<Record<MetricName, string>>;
}

function record(into: MetricValues, name: MetricName, result: MetricResult): void {
  if (result.defined) into.values[name] = result.value;
  else into.undefinedReasons[name] = result.reason;
}

function rows(predictions: Float32Array, columns: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < predictions.length; i += columns)
    out.push(predictions.subarray(i, i + columns));
  return out;
}

function argmax(row: Float32Array): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
  return best;
}

/**
 * The class each prediction picks: a sigmoid's single column at 0.5, otherwise the most probable
 * class.
 */
export function predictedClasses(predictions: Float32Array, columns: number): Float64Array {
  if (columns === 1) return Float64Array.from(predictions, (p) => (p >= 0.5 ? 1 : 0));
  return Float64Array.from(rows(predictions, columns), argmax);
}

/** Macro average precision: the mean over classes of class-vs-rest average precision. */
function macroAveragePrecision(
  labels: Float64Array,
  scores: Float32Array[],
  classes: number,
): MetricResult {
  let total = 0;
  for (let k = 0; k < classes; k++) {
    const isK = labels.map((label) => (label === k ? 1 : 0));
    const result = averagePrecision(
      isK,
      Float64Array.from(scores, (row) => row[k] as number),
    );
    if (!result.defined) return { defined: false, reason: `class ${k}: ${result.reason}` };
    total += result.value;
  }
  return { defined: true, value: total / classes };
}

/** The ranking metrics (ROC AUC, average precision) of class probabilities; they sort every row. */
function recordRanking(
  out: MetricValues,
  labels: Float64Array,
  predictions: Float32Array,
  columns: number,
): void {
  if (columns === 1 || columns === 2) {
    const positive =
      columns === 1
        ? Float64Array.from(predictions)
        : Float64Array.from(rows(predictions, 2), (row) => row[1] as number);
    record(out, 'auc', rocAuc(labels, positive));
    record(out, 'averagePrecision', averagePrecision(labels, positive));
    return;
  }
  const probabilityRows = rows(predictions, columns);
  record(out, 'auc', rocAucOneVsRest(labels, probabilityRows));
  record(out, 'averagePrecision', macroAveragePrecision(labels, probabilityRows, columns));
}

/** The ranking metrics alone (classification tasks; none for regression). */
export function rankingMetrics(
  task: Task,
  targets: Float32Array,
  predictions: Float32Array,
  columns: number,
): MetricValues {
  const out: MetricValues = { values: {}, undefinedReasons: {} };
  if (task === 'binary' || task === 'multiclass') {
    recordRanking(out, Float64Array.from(targets), predictions, columns);
  }
  return out;
}

/**
 * Every metric of the task, scored by the shared metrics (scikit-learn semantics) on predictions as
 * `predictions()` makes them: class probabilities (one positive-class column for a sigmoid output),
 * values, or counts. `targets` are class indices for classification, values otherwise. Without
 * `ranking`, AUC and average precision are left out (the caller scores them on a sample).
 */
export function taskMetrics(
  task: Task,
  targets: Float32Array,
  predictions: Float32Array,
  columns: number,
  ranking = true,
): MetricValues {
  const out: MetricValues = { values: {}, undefinedReasons: {} };
  const labels = Float64Array.from(targets);
  if (task === 'binary' || task === 'multiclass') {
    const probabilityRows = rows(predictions, columns);
    if (columns === 1) {
      const positive = Float64Array.from(predictions);
      const predicted = predictedClasses(predictions, columns);
      record(out, 'accuracy', accuracy(labels, predicted));
      const scores = precisionRecallF1(labels, predicted, { average: 'binary' });
      for (const name of ['precision', 'recall', 'f1'] as const) {
        record(out, name, scores.defined ? { defined: true, value: scores.value[name] } : scores);
      }
      if (ranking) recordRanking(out, labels, predictions, columns);
      record(out, 'logLoss', binaryLogLoss(labels, positive));
      return out;
    }
    const predicted = predictedClasses(predictions, columns);
    record(out, 'accuracy', accuracy(labels, predicted));
    const average = task === 'binary' && columns === 2 ? 'binary' : 'macro';
    // A two-column softmax on a binary task scores class 1 ("binary", which takes no label list).
    const scores = precisionRecallF1(
      labels,
      predicted,
      average === 'binary' ? { average } : { average, labels: [...Array(columns).keys()] },
    );
    for (const name of ['precision', 'recall', 'f1'] as const) {
      record(out, name, scores.defined ? { defined: true, value: scores.value[name] } : scores);
    }
    if (ranking) recordRanking(out, labels, predictions, columns);
    record(out, 'logLoss', logLoss(labels, probabilityRows));
    return out;
  }
  const predicted = Float64Array.from(predictions);
  record(out, 'mse', meanSquaredError(labels, predicted));
  record(out, 'rmse', rootMeanSquaredError(labels, predicted));
  record(out, 'mae', meanAbsoluteError(labels, predicted));
  record(out, 'r2', r2Score(labels, predicted));
  if (task === 'count') record(out, 'poissonDeviance', meanPoissonDeviance(labels, predicted));
  return out;
}

/** A split's loss and task metrics as protocol keys, e.g. `val.loss`, `val.accuracy`. */
export interface KeyedMetrics {
  metrics: Record<string, number>;
  undefinedMetrics: Record<string, string>;
}

export function keyedMetrics(
  split: 'train' | 'val' | 'test',
  task: Task,
  loss: MetricResult,
  targets: Float32Array,
  predictions: Float32Array,
  columns: number,
  ranking = true,
): KeyedMetrics {
  const scored = taskMetrics(task, targets, predictions, columns, ranking);
  const metrics: Record<string, number> = {};
  const undefinedMetrics: Record<string, string> = {};
  if (loss.defined) metrics[formatMetricKey(split, 'loss')] = loss.value;
  else undefinedMetrics[formatMetricKey(split, 'loss')] = loss.reason;
  for (const [name, value] of Object.entries(scored.values))
    metrics[formatMetricKey(split, name)] = value;
  for (const [name, reason] of Object.entries(scored.undefinedReasons))
    undefinedMetrics[formatMetricKey(split, name)] = reason;
  return { metrics, undefinedMetrics };
}

/**
 * The validation or test metrics of predictions — one model's, or an ensemble's mean — with the
 * loss from `predictionLoss`, the one computation behind every `val.loss` and `test.loss` (epoch
 * curve, checkpoints, candidates, ensembles, deep ensembles, landscapes).
 */
export function predictionMetrics(
  split: 'val' | 'test',
  task: Task,
  loss: Loss,
  targets: Float32Array,
  predictions: Float32Array,
  columns: number,
): KeyedMetrics {
  const scoredLoss = predictionLoss(loss, targets, predictions, columns);
  return keyedMetrics(split, task, scoredLoss, targets, predictions, columns);
}
