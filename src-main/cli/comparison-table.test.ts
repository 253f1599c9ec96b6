import { describe, expect, it } from 'vitest';
import type { StrategyComparison } from '@shared/contract/compare';
import { alignColumns, formatComparison } from './comparison-table';

const comparison: StrategyComparison = {
  experimentId: 1,
  specVersion: 1,
  metric: 'accuracy',
  direction: 'max',
  runs: 4,
  comparisons: 2,
  rows: [
    {
      strategy: 'best-epoch',
      validation: { n: 4, mean: 0.95, std: 0.01 },
      differenceToBestEpoch: null,
      test: { n: 3, mean: 0.94, std: 0.02 },
    },
    {
      strategy: 'swa',
      validation: { n: 4, mean: 0.96, std: 0.005 },
      differenceToBestEpoch: {
        pairs: 4,
        estimate: 0.01,
        interval: { method: 'paired-t', lower: 0.002, upper: 0.018, confidence: 0.95 },
        pValue: 0.0213,
        adjustedPValue: 0.0426,
        note: null,
      },
      test: { n: 1, mean: 0.97, std: null },
    },
    {
      strategy: 'snapshot-ensemble',
      validation: null,
      differenceToBestEpoch: { pairs: 0, reason: 'no run has both models' },
      test: null,
    },
    {
      strategy: 'deep-ensemble',
      validation: { n: 1, mean: 0.97, std: null },
      differenceToBestEpoch: {
        pairs: 1,
        estimate: -0.02,
        interval: null,
        pValue: null,
        adjustedPValue: null,
        note: 'needs ≥ 2 folds',
      },
      test: { n: 1, mean: 0.96, std: null },
    },
  ],
  selected: { runId: 3, candidate: 'swa', validation: 0.97, test: 0.97 },
};

describe('formatComparison', () => {
  it('prints one aligned line per strategy with spreads, intervals with method and n, p-values and the selection', () => {
    expect(formatComparison(comparison).split('\n')).toEqual([
      'Strategy comparison on accuracy (higher is better), 4 succeeded runs:',
      '',
      '  strategy                  val accuracy mean ± std  Δ vs best single            interval                            p (Holm)       test accuracy (selected)',
      '  best single (best epoch)  0.9500 ± 0.0100 (n=4)                                                                                   0.9400 ± 0.0200 (n=3)',
      '  SWA                       0.9600 ± 0.0050 (n=4)    +0.0100                     [0.0020, 0.0180] 95% paired t, n=4  0.021 (0.043)  0.9700 (n=1)',
      '  snapshot ensemble         —                        — (no run has both models)                                                     —',
      '  deep ensemble             0.9700 (n=1)             -0.0200                     none (n=1: needs ≥ 2 folds)                        0.9600 (n=1)',
      '',
      "Δ: strategy minus best single, paired by run (deep ensemble: minus its fold's best restart).",
      'Interval: paired t below 20 pairs, BCa bootstrap from 20, none below 2.',
      'p: paired t-test; in parentheses Holm-adjusted for the 2 comparisons made here.',
      '',
      'Selected: run 3 (swa), val accuracy 0.9700, test accuracy 0.9700',
    ]);
  });

  it('names the deep ensemble when it is the pick', () => {
    const deepPick = {
      ...comparison,
      selected: { runId: null, candidate: 'deep-ensemble' as const, validation: 0.98, test: 0.97 },
    };
    expect(formatComparison(deepPick)).toContain(
      'Selected: the deep ensemble of the restarts, val accuracy 0.9800, test accuracy 0.9700',
    );
  });

  it('says so when nothing was selected', () => {
    expect(formatComparison({ ...comparison, runs: 0, selected: null })).toContain(
      'No model was selected: no run succeeded.',
    );
  });
});

describe('alignColumns', () => {
  it('pads every column to its widest cell', () => {
    expect(
      alignColumns([
        ['a', 'bb'],
        ['ccc', 'd'],
      ]),
    ).toEqual(['a    bb', 'ccc  d']);
  });
});
