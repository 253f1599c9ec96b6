import { formatMetricKey } from '@shared/contract/metric-keys';
import type { Task } from '@shared/experiment/datasets';
import { metricFitsTask, metricNames, type MonitoredSplit } from '@shared/experiment/metric-names';
import type { Choice } from './fields/choice';

const splitNames: Record<MonitoredSplit, string> = { train: 'training', val: 'validation' };

/** Metric keys a setting may watch, e.g. `val.loss`, limited to the task's metrics once known. */
export function monitorChoices(task: Task | null, splits: readonly MonitoredSplit[]): Choice[] {
  const metrics = metricNames.filter((metric) => task === null || metricFitsTask(metric, task));
  return splits.flatMap((split) =>
    metrics.map((metric) => ({
      value: formatMetricKey(split, metric),
      label: `${metric} (${splitNames[split]})`,
    })),
  );
}
