import { describe, expect, it } from 'vitest';
import type { StrategyComparison } from '@shared/contract/compare';
import { alignColumns, formatComparison } from './comparison-table';

const comparison: StrategyComparison = {
  experimentId: 1,
  specVersion: 1,
  metric: 'accuracy',
  direction: 'max',
  runs: 4,
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
        lower: 0.002,
        upper: 0.018,
        confidence: 0.95,
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
        pairs: 4,
        estimate: -0.02,
        lower: -0.03,
        upper: -0.01,
        confidence: 0.95,
      },
      test: { n: 1, mean: 0.96, std: null },
    },
  ],
  selected: { runId: 3, candidate: 'swa', validation: 0.97, test: 0.97 },
};

describe('formatComparison', () => {
  it('prints one aligned line per strategy with spreads, intervals and the selection', () => {
    expect(formatComparison(comparison).split('\n')).toEqual([
      'Strategy comparison on accuracy (higher is better), 4 succeeded runs:',
      '',
      '  strategy                  val accuracy mean ± std  Δ vs best single                   test accuracy (selected)',
      '  best single (best epoch)  0.9500 ± 0.0100 (n=4)                                       0.9400 ± 0.0200 (n=3)',
      '  SWA                       0.9600 ± 0.0050 (n=4)    +0.0100 [0.0020, 0.0180] 95% CI    0.9700 (n=1)',
      '  snapshot ensemble         —                        — (no run has both models)         —',
      '  deep ensemble             0.9700 (n=1)             -0.0200 [-0.0300, -0.0100] 95% CI  0.9600 (n=1)',
      '',
      'Selected: run 3 (swa), val accuracy 0.9700, test accuracy 0.9700',
    ]);
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
