/**
 * Metric keys are `<split>.<metric>`, e.g. `val.loss`, `test.accuracy`: the trainer reports them,
 * the store records them, the renderer draws them. This is the one place that spells the format.
 */
export const metricSplits = ['train', 'val', 'test'] as const;
export type MetricSplit = (typeof metricSplits)[number];

export interface ParsedMetricKey {
  split: MetricSplit;
  metric: string;
}

export function formatMetricKey(split: MetricSplit, metric: string): string {
  return `${split}.${metric}`;
}

/** The split and metric of a key; null for anything else (a learning rate, a layer statistic). */
export function parseMetricKey(key: string): ParsedMetricKey | null {
  const dot = key.indexOf('.');
  const split = key.slice(0, dot);
  const metric = key.slice(dot + 1);
  if (dot < 0 || metric === '' || metric.includes('.')) return null;
  if (!(metricSplits as readonly string[]).includes(split)) return null;
  return { split: split as MetricSplit, metric };
}
