import { describe, expect, it } from 'vitest';
import type { MetricNote } from '@shared/contract/runs';
import { epochMetricRows, NO_VALUE, testMetricRows } from './metric-table';

const deviance =
  'Poisson deviance needs predicted rates > 0, but 12 of 400 predictions are ≤ 0 (yPred[3] is -0.2)';
const sample = 'a seeded sample of 10,000 of the 54,000 training rows, the same rows every epoch';

describe('epochMetricRows', () => {
  it('shows a metric undefined at the last epoch as "—" with its reason, and a sampled one with its basis', () => {
    const metricNotes: MetricNote[] = [
      { key: 'train.auc', kind: 'basis', note: sample, epoch: 1 },
      { key: 'val.poissonDeviance', kind: 'undefined', note: deviance, epoch: 4 },
      // Undefined at epoch 2 only: the value it has since is shown, without the old reason.
      { key: 'val.auc', kind: 'undefined', note: 'one class', epoch: 2 },
    ];
    const rows = epochMetricRows({
      epoch: 4,
      metrics: {
        'train.auc': { best: 0.91, bestEpoch: 4, last: 0.91 },
        'val.auc': { best: 0.8, bestEpoch: 3, last: 0.75 },
        'val.loss': { best: 0.5, bestEpoch: 3, last: 0.6 },
        'test.loss': { best: 0.4, bestEpoch: null, last: 0.4 },
      },
      metricNotes,
    });
    expect(
      rows.map(({ key, label, last, reason, basis }) => ({ key, label, last, reason, basis })),
    ).toMatchObject([
      { key: 'train.auc', label: 'training AUC', last: '0.91', reason: null, basis: sample },
      { key: 'val.auc', label: 'validation AUC', last: '0.75', reason: null, basis: null },
      { key: 'val.loss', label: 'validation loss', last: '0.6', reason: null, basis: null },
      {
        key: 'val.poissonDeviance',
        last: NO_VALUE,
        reason: deviance,
        basis: null,
      },
    ]);
    expect(rows[3]!.best).toBe(NO_VALUE);
  });

  it('keeps the sample label of a run recorded before Basin kept notes', () => {
    const [row] = epochMetricRows({
      epoch: 1,
      metrics: { 'train.auc': { best: 0.9, bestEpoch: 1, last: 0.9 } },
      metricNotes: [],
    });
    expect(row).toMatchObject({ label: 'training AUC (10,000-row sample)', basis: null });
  });
});

describe('testMetricRows', () => {
  it('lists the test metrics, then those undefined on test with their reasons', () => {
    expect(
      testMetricRows({
        testMetrics: { 'test.mse': 2.5 },
        metricNotes: [
          { key: 'test.poissonDeviance', kind: 'undefined', note: deviance, epoch: null },
          { key: 'val.poissonDeviance', kind: 'undefined', note: deviance, epoch: 4 },
        ],
      }),
    ).toMatchObject([
      { key: 'test.mse', value: '2.5', note: null, reason: null },
      {
        key: 'test.poissonDeviance',
        value: NO_VALUE,
        note: null,
        reason: deviance,
      },
    ]);
  });
});
