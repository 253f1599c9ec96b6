import { metricKeyName } from '../labels';
import { formatNumber } from '../number-format';
import type { RunSummary } from '@shared/contract/runs';

export interface Headline {
  key: string;
  /** "val loss" */
  label: string;
  best: number;
  bestEpoch: number | null;
}

/** A metric value without an uncertainty: four significant digits, or words for what is not a number. */
export function formatMetric(value: number | null | undefined): string {
  return formatNumber(value);
}

/** "val.auc" → "validation AUC". */
export function metricLabel(key: string): string {
  return metricKeyName(key);
}

type Recorded = Record<string, number | RunSummary['metrics'][string]>;

/**
 * What a table shows of a run's (or a checkpoint's) results: validation loss and the first other
 * validation metric; a run's with the epoch it was best at.
 */
export function headlineMetrics(source: { metrics: Recorded }): Headline[] {
  const validation = Object.keys(source.metrics)
    .filter((key) => key.startsWith('val.'))
    .sort((a, b) => Number(b === 'val.loss') - Number(a === 'val.loss') || a.localeCompare(b));
  return validation.slice(0, 2).flatMap((key) => {
    const recorded = source.metrics[key];
    if (recorded === undefined) return [];
    const { best, bestEpoch } =
      typeof recorded === 'number' ? { best: recorded, bestEpoch: null } : recorded;
    return best === null ? [] : [{ key, label: metricLabel(key), best, bestEpoch }];
  });
}
