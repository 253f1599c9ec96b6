import { describe, expect, it } from 'vitest';
import { formatMetric, headlineMetrics, metricLabel } from './headline-metrics';

describe('headlineMetrics', () => {
  it('shows validation loss first, then the first other validation metric', () => {
    const run = {
      metrics: {
        'train.loss': { best: 0.1, bestEpoch: 3, last: 0.1 },
        'val.auc': { best: 0.9, bestEpoch: 2, last: 0.8 },
        'val.accuracy': { best: 0.95, bestEpoch: 4, last: 0.9 },
        'val.loss': { best: 0.2, bestEpoch: 5, last: 0.3 },
      },
    };
    expect(headlineMetrics(run)).toEqual([
      { key: 'val.loss', label: 'validation loss', best: 0.2, bestEpoch: 5 },
      { key: 'val.accuracy', label: 'validation accuracy', best: 0.95, bestEpoch: 4 },
    ]);
  });

  it('reads a checkpoint’s plain values and skips metrics never recorded', () => {
    expect(headlineMetrics({ metrics: { 'val.loss': 0.5 } })).toEqual([
      { key: 'val.loss', label: 'validation loss', best: 0.5, bestEpoch: null },
    ]);
    expect(
      headlineMetrics({ metrics: { 'val.loss': { best: null, bestEpoch: null, last: null } } }),
    ).toEqual([]);
  });
});

describe('formatting', () => {
  it('keeps four significant digits and names what is not a number', () => {
    expect(formatMetric(0.123456)).toBe('0.1235');
    expect(formatMetric(null)).toBe('—');
    expect(formatMetric(Number.NaN)).toBe('not a number');
    expect(formatMetric(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('turns a metric key into words', () => {
    expect(metricLabel('test.averagePrecision')).toBe('test average precision');
  });
});
