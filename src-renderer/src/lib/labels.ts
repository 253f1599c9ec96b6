/**
 * The names people read for the keys Basin records: metrics ("auc" → "AUC") and layers
 * ("l00_dense" → "Layer 1 · dense", counted from 1 like everything a person reads).
 */

import { metricKeyNote } from '@shared/experiment/metric-names';

const metricNames: Record<string, string> = {
  loss: 'Loss',
  accuracy: 'Accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  auc: 'AUC',
  averagePrecision: 'Average precision',
  logLoss: 'Log loss',
  mse: 'MSE',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
  poissonDeviance: 'Poisson deviance',
};

/** "auc" → "AUC", "averagePrecision" → "Average precision"; unknown names spelled out. */
export function metricName(metric: string): string {
  return (
    metricNames[metric] ??
    metric
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase())
  );
}

const splitNames: Record<string, string> = { train: 'training', val: 'validation', test: 'test' };

/** Names that keep their capital inside a sentence ("validation Poisson deviance"). */
const properNouns: ReadonlySet<string> = new Set(['Poisson']);

/** "Log loss" → "log loss" after a split's name; acronyms and proper nouns stay as they are. */
function inSentence(name: string): string {
  const firstWord = name.split(' ')[0] ?? '';
  if (properNouns.has(firstWord) || !/^[A-Z][a-z]/.test(name)) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * "val.auc" → "validation AUC", "train.auc" → "training AUC (10,000-row sample)" (a metric scored
 * on a sample of its split says so, unless `note` is null: where the run's own note is shown
 * instead); a key without a split is its metric's name.
 */
export function metricKeyName(key: string, note: string | null = metricKeyNote(key)): string {
  const match = /^(train|val|test)\.(.+)$/.exec(key);
  if (match?.[1] === undefined || match[2] === undefined) return metricName(key);
  const name = inSentence(metricName(match[2]));
  return `${splitNames[match[1]]} ${name}${note === null ? '' : ` (${note})`}`;
}

/** "l00_dense" → "Layer 1 · dense", "l03_batchNormalization" → "Layer 4 · batch normalization". */
export function layerName(layer: string): string {
  const match = /^l(\d+)_(.+)$/.exec(layer);
  if (match?.[1] === undefined || match[2] === undefined) return layer;
  const type = match[2].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `Layer ${Number(match[1]) + 1} · ${type}`;
}
