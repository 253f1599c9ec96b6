import { z } from 'zod';
import { parseMetricKey } from '../contract/metric-keys';
import type { Task } from './datasets';
import { listChoices } from './fields';

/**
 * Metric keys are `<split>.<metric>`, e.g. `val.loss`, `train.accuracy` — the same keys the trainer
 * reports and the store records. Only train and validation metrics may steer training: the test
 * split is never used for selection.
 */
export const metricNames = [
  'loss',
  'accuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'averagePrecision',
  'logLoss',
  'mse',
  'rmse',
  'mae',
  'r2',
  'poissonDeviance',
] as const;
export type MetricName = (typeof metricNames)[number];

const higherIsBetter: ReadonlySet<MetricName> = new Set([
  'accuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'averagePrecision',
  'r2',
]);

const classificationOnly: ReadonlySet<MetricName> = new Set([
  'accuracy',
  'precision',
  'recall',
  'f1',
  'auc',
  'averagePrecision',
  'logLoss',
]);

const regressionOnly: ReadonlySet<MetricName> = new Set(['mse', 'rmse', 'mae', 'r2']);

export type MonitoredSplit = 'train' | 'val';

export interface MonitorKey {
  split: MonitoredSplit;
  metric: MetricName;
}

const monitorMessage = `must be "train.<metric>" or "val.<metric>" with <metric> one of ${listChoices(metricNames)}`;

export function parseMonitor(key: string): MonitorKey | null {
  const parsed = parseMetricKey(key);
  if (parsed === null || parsed.split === 'test') return null;
  if (!(metricNames as readonly string[]).includes(parsed.metric)) return null;
  return { split: parsed.split, metric: parsed.metric as MetricName };
}

export const monitorSchema = z.string({ error: monitorMessage }).superRefine((key, context) => {
  if (parseMonitor(key) !== null) return;
  context.addIssue({
    code: 'custom',
    input: key,
    message: key.startsWith('test.')
      ? 'must be a train or validation metric: the test split is never used to steer training'
      : monitorMessage,
  });
});

/** The direction in which a metric improves. */
export function improvementMode(metric: MetricName): 'min' | 'max' {
  return higherIsBetter.has(metric) ? 'max' : 'min';
}

/** Whether a metric is defined for a task, e.g. accuracy is not for regression. */
export function metricFitsTask(metric: MetricName, task: Task): boolean {
  const classification = task === 'binary' || task === 'multiclass';
  if (classificationOnly.has(metric)) return classification;
  if (regressionOnly.has(metric)) return !classification;
  if (metric === 'poissonDeviance') return task === 'count';
  return true;
}

export const monitorModeSchema = z.enum(['auto', 'min', 'max'], {
  error: 'must be "auto", "min" or "max"',
});

/**
 * The training split's ranking metrics (AUC, average precision) are scored at each epoch's end on a
 * fixed, seeded sample of at most this many training rows; every other metric, and every
 * validation and test metric, on all rows.
 */
export const TRAIN_RANKING_SAMPLE_ROWS = 10_000;

const sampledOnTrain: ReadonlySet<string> = new Set(['train.auc', 'train.averagePrecision']);

/**
 * How a stored metric key was computed when not on all rows of its split, e.g. "10,000-row
 * sample" for `train.auc` (fewer rows: all of them); null otherwise.
 */
export function metricKeyNote(key: string): string | null {
  return isSampledOnTrain(key)
    ? `${TRAIN_RANKING_SAMPLE_ROWS.toLocaleString('en-US')}-row sample`
    : null;
}

/** Whether `key` is a training metric scored on a sample of the split (see TRAIN_RANKING_SAMPLE_ROWS). */
export function isSampledOnTrain(key: string): boolean {
  return sampledOnTrain.has(key);
}

/**
 * What a sampled training metric of a run whose training split has `trainRows` rows was computed
 * on, as the store records it: "a seeded sample of 10,000 of the 54,000 training rows", or every
 * row when the split is no larger than the sample.
 */
export function trainRankingBasis(trainRows: number): string {
  const rows = (count: number) => count.toLocaleString('en-US');
  return trainRows > TRAIN_RANKING_SAMPLE_ROWS
    ? `a seeded sample of ${rows(TRAIN_RANKING_SAMPLE_ROWS)} of the ${rows(trainRows)} training rows, the same rows every epoch`
    : `all ${rows(trainRows)} training rows (the sample takes at most ${rows(TRAIN_RANKING_SAMPLE_ROWS)})`;
}

/**
 * A classification run reports two cross-entropies that differ by their clipping (0.3265 vs 0.3310
 * on Fashion-MNIST): `loss` is the objective as trained, Keras-style, and `logLoss` is
 * scikit-learn's. Where both are listed, these notes tell them apart; other keys get none.
 */
export function crossEntropyNotes(keys: readonly string[]): Record<string, string> {
  if (!keys.some((key) => key.endsWith('.logLoss'))) return {};
  const notes: Record<string, string> = {};
  for (const key of keys) {
    if (key.endsWith('.loss')) notes[key] = 'training objective, Keras: p clipped at 1e-7';
    if (key.endsWith('.logLoss')) notes[key] = 'scikit-learn log_loss: p clipped at 2.2e-16';
  }
  return notes;
}
