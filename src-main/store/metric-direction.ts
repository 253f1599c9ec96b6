import { parseMetricKey } from '@shared/contract/metric-keys';
import { improvementMode, metricNames, type MetricName } from '@shared/experiment/metric-names';

export type MetricDirection = 'min' | 'max';

function isMetricName(name: string): name is MetricName {
  return (metricNames as readonly string[]).includes(name);
}

/**
 * Which way a metric key improves, decided once when the key is first stored. Keys are
 * `<split>.<metric>`; a known metric improves the way the spec's `mode: "auto"` says (accuracy,
 * precision, recall, f1, auc, averagePrecision and r2 upwards; losses and errors downwards). Any
 * other series (a learning rate, a gradient norm) has no best, only a last value.
 */
export function metricDirection(key: string): MetricDirection | null {
  const metric = parseMetricKey(key)?.metric;
  return metric !== undefined && isMetricName(metric) ? improvementMode(metric) : null;
}
