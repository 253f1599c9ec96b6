import { describe, expect, it } from 'vitest';
import { formatMetricKey, parseMetricKey } from './metric-keys';

describe('metric keys', () => {
  it('round-trips <split>.<metric>', () => {
    for (const split of ['train', 'val', 'test'] as const) {
      expect(parseMetricKey(formatMetricKey(split, 'averagePrecision'))).toEqual({
        split,
        metric: 'averagePrecision',
      });
    }
  });

  it('refuses what is not a metric key', () => {
    for (const key of ['lr', 'layer.l00_dense.gradientNorm', 'val.', '.loss', 'holdout.loss']) {
      expect(parseMetricKey(key)).toBeNull();
    }
  });
});
