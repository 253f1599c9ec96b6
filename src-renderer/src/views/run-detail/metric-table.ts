import type { MetricNote, RunDetail } from '@shared/contract/runs';
import { crossEntropyNotes } from '@shared/experiment/metric-names';
import { metricKeyName } from '../../lib/labels';
import { formatMetric } from '../../lib/runs/headline-metrics';

/** What a metric without a value shows in its place. */
export const NO_VALUE = '—';

export interface EpochMetricRow {
  key: string;
  label: string;
  best: string;
  bestEpoch: number | null;
  /** The value at the run's last epoch, or NO_VALUE when it was undefined there. */
  last: string;
  /** Why it is undefined at the run's last epoch (the trainer's latest reason); null when it is not. */
  reason: string | null;
  /** What it was computed on when not every row of its split (the store's note); null otherwise. */
  basis: string | null;
}

export interface TestMetricRow {
  key: string;
  label: string;
  /** Its value, or NO_VALUE when undefined on the test split. */
  value: string;
  /** The cross-entropy it is, where a run reports two; null otherwise. */
  note: string | null;
  reason: string | null;
}

const formatOrDash = (value: number | null) => (value === null ? NO_VALUE : formatMetric(value));

function notesOf(notes: readonly MetricNote[], kind: MetricNote['kind']): Map<string, MetricNote> {
  return new Map(notes.filter((note) => note.kind === kind).map((note) => [note.key, note]));
}

/**
 * The training and validation metrics of a run, best and last, each undefined one shown as "—"
 * with its reason, and a sampled one labelled with what it was computed on. A run recorded before
 * Basin kept notes labels a sampled metric as every run samples it.
 */
export function epochMetricRows(
  run: Pick<RunDetail, 'metrics' | 'metricNotes' | 'epoch'>,
): EpochMetricRow[] {
  const undefinedNotes = notesOf(run.metricNotes, 'undefined');
  const basisNotes = notesOf(run.metricNotes, 'basis');
  const keys = [
    ...new Set([
      ...Object.keys(run.metrics),
      ...[...undefinedNotes.values()].flatMap((note) => (note.epoch === null ? [] : [note.key])),
    ]),
  ]
    .filter((key) => key.startsWith('train.') || key.startsWith('val.'))
    .sort(
      (a, b) =>
        Number(b.startsWith('train.')) - Number(a.startsWith('train.')) || a.localeCompare(b),
    );
  return keys.map((key) => {
    const summary = run.metrics[key];
    const why = undefinedNotes.get(key);
    // A reason from an earlier epoch explains a gap in the curve, not the value it has now.
    const undefinedNow =
      why !== undefined && ((summary?.last ?? null) === null || why.epoch === run.epoch);
    const basis = basisNotes.get(key)?.note ?? null;
    return {
      key,
      label: basis === null ? metricKeyName(key) : metricKeyName(key, null),
      best: formatOrDash(summary?.best ?? null),
      bestEpoch: summary?.bestEpoch ?? null,
      last: undefinedNow ? NO_VALUE : formatOrDash(summary?.last ?? null),
      reason: undefinedNow ? why.note : null,
      basis,
    };
  });
}

/** The selected model's test metrics, then those undefined on the test split, with their reasons. */
export function testMetricRows(
  run: Pick<RunDetail, 'testMetrics' | 'metricNotes'>,
): TestMetricRow[] {
  const values = run.testMetrics ?? {};
  const crossEntropy = crossEntropyNotes(Object.keys(values));
  const defined = Object.entries(values).map(([key, value]) => ({
    key,
    label: metricKeyName(key),
    value: formatMetric(value),
    note: crossEntropy[key] ?? null,
    reason: null,
  }));
  const undefinedOnTest = run.metricNotes
    .filter((note) => note.kind === 'undefined' && note.epoch === null && !(note.key in values))
    .map((note) => ({
      key: note.key,
      label: metricKeyName(note.key),
      value: NO_VALUE,
      note: null,
      reason: note.note,
    }));
  return [...defined, ...undefinedOnTest];
}
