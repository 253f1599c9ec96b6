import { describe, expect, it } from 'vitest';
import { metricNames as recorded } from '@shared/experiment/metric-names';
import { layerName, metricKeyName, metricName } from './labels';

describe('labels', () => {
  it('names every metric Basin records, abbreviations in capitals', () => {
    expect(metricName('auc')).toBe('AUC');
    expect(metricName('averagePrecision')).toBe('Average precision');
    expect(metricName('r2')).toBe('R²');
    for (const metric of recorded) expect(metricName(metric)).not.toMatch(/^[a-z]/);
  });

  it('names a metric key by its split', () => {
    expect(metricKeyName('val.auc')).toBe('validation AUC');
    expect(metricKeyName('train.loss')).toBe('training loss');
    expect(metricKeyName('test.averagePrecision')).toBe('test average precision');
    expect(metricKeyName('val.poissonDeviance')).toBe('validation Poisson deviance');
    expect(metricKeyName('val.logLoss')).toBe('validation log loss');
  });

  it('numbers layers from 1 and spells their type', () => {
    expect(layerName('l00_dense')).toBe('Layer 1 · dense');
    expect(layerName('l03_batchNormalization')).toBe('Layer 4 · batch normalization');
    expect(layerName('custom')).toBe('custom');
  });
});
