import type { RunSummary } from '@shared/contract/runs';
import { metricKeyNote } from '@shared/experiment/metric-names';

export interface Headline {
  key: string;
  /** "val loss" */
  label: string;
  best: number;
  bestEpoch: number | null;
}

const fourDigits = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });

/** A metric value as a table shows it: four significant digits, or words for what is not a number. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return fourDigits.format(value);
}

/** "val loss"; "train auc (10,000-row sample)" for a metric scored on a sample of its split. */
export function metricLabel(key: string): string {
  const label = key
    .replace('.', ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const note = metricKeyNote(key);
  return note === null ? label : `${label} (${note})`;
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
