import type { StrategyComparison } from '@shared/contract/compare';
import { differenceLegend, formatPValue, intervalMethodNames } from '@shared/metrics';
import { displayWidth, padToWidth } from '@shared/text/display-width';
import { formatMetric } from './progress-line';

type Row = StrategyComparison['rows'][number];

const strategyNames: Record<Row['strategy'], string> = {
  'best-epoch': 'best single (best epoch)',
  swa: 'SWA',
  'snapshot-ensemble': 'snapshot ensemble',
  'deep-ensemble': 'deep ensemble',
};

function spread(value: Row['validation']): string {
  if (value === null) return '—';
  const std = value.std === null ? '' : ` ± ${formatMetric(value.std)}`;
  return `${formatMetric(value.mean)}${std} (n=${value.n})`;
}

type Difference = NonNullable<Row['differenceToBestEpoch']>;

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${formatMetric(value)}`;
}

function difference(value: Difference | null): [string, string, string] {
  if (value === null) return ['', '', ''];
  if ('reason' in value) return [`— (${value.reason})`, '', ''];
  const estimate = signed(value.estimate);
  const interval = value.interval;
  if (interval === null) return [estimate, `none (n=${value.pairs}: ${value.note ?? ''})`, ''];
  const level = Math.round(interval.confidence * 100);
  const range = `[${formatMetric(interval.lower)}, ${formatMetric(interval.upper)}]`;
  const p =
    value.pValue === null
      ? ''
      : formatPValue(value.pValue) +
        (value.adjustedPValue === null ? '' : ` (${formatPValue(value.adjustedPValue)})`);
  return [
    estimate,
    `${range} ${level}% ${intervalMethodNames[interval.method]}, n=${value.pairs}`,
    p,
  ];
}

/** Pads columns to their widest cell, by terminal columns (CJK and emoji take two). */
export function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => padToWidth(cell, widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

function selectedLine({ selected, metric }: StrategyComparison): string {
  if (selected === null) return 'No model was selected: no run succeeded.';
  const model =
    selected.runId === null
      ? 'the deep ensemble of the restarts'
      : `run ${selected.runId} (${selected.candidate})`;
  const value = (split: string, v: number | null) =>
    v === null ? '' : `, ${split} ${metric} ${formatMetric(v)}`;
  return `Selected: ${model}${value('val', selected.validation)}${value('test', selected.test)}`;
}

/**
 * The strategy comparison as the CLI prints it: one line per strategy with the validation metric
 * across restarts, its difference to the best single run with an interval (method and n stated)
 * and a paired test's p-value (Holm-adjusted in parentheses), and the test metric of the models
 * each strategy finally selected.
 */
export function formatComparison(comparison: StrategyComparison): string {
  const metric = comparison.metric;
  const better = comparison.direction === 'min' ? 'lower is better' : 'higher is better';
  const header = [
    'strategy',
    `val ${metric} mean ± std`,
    'Δ vs best single',
    'interval',
    'p (Holm)',
    `test ${metric} (selected)`,
  ];
  const rows = comparison.rows.map((row) => [
    strategyNames[row.strategy],
    spread(row.validation),
    ...difference(row.differenceToBestEpoch),
    spread(row.test),
  ]);
  const lines = [
    `Strategy comparison on ${metric} (${better}), ${comparison.runs} succeeded run${comparison.runs === 1 ? '' : 's'}:`,
    '',
    ...alignColumns([header, ...rows]).map((line) => `  ${line}`),
    '',
    ...differenceLegend(comparison.comparisons),
    '',
  ];
  lines.push(selectedLine(comparison));
  return lines.join('\n');
}
