import type { IntervalMethod } from './paired-comparison';

/** The words the CLI and the UI both use for the strategy table's statistics. */
export const intervalMethodNames: Record<IntervalMethod, string> = {
  'paired-t': 'paired t',
  'bca-bootstrap': 'BCa bootstrap',
};

/** Two significant digits, and no false precision below 0.001. */
export function formatPValue(p: number): string {
  return p < 0.001 ? '<0.001' : p.toPrecision(2);
}

/** How to read the Δ columns, so no interval is taken for more than it is. */
export function differenceLegend(comparisons: number): string[] {
  const plural = comparisons === 1 ? '' : 's';
  return [
    "Δ: strategy minus best single, paired by run (deep ensemble: minus its fold's best restart).",
    'Interval: paired t below 20 pairs, BCa bootstrap from 20, none below 2.',
    `p: paired t-test; in parentheses Holm-adjusted for the ${comparisons} comparison${plural} made here.`,
  ];
}
