import { describe, expect, it } from 'vitest';
import { tabOf } from './tabs';

describe('tabOf', () => {
  it('finds the tab of a field from its path', () => {
    expect(tabOf('model.layers[0].units')).toBe('model');
    expect(tabOf('optimization.optimizer.learningRate')).toBe('optimization');
    expect(tabOf('training.epochs')).toBe('optimization');
    expect(tabOf('training.seed')).toBe('strategy');
    expect(tabOf('strategy.swa.startEpoch')).toBe('strategy');
    expect(tabOf('split')).toBe('data');
    expect(tabOf('data.source.path')).toBe('data');
    expect(tabOf('tags[1]')).toBeNull();
  });

  it('sends what no tab shows to the JSON view', () => {
    expect(tabOf('(root)')).toBe('json');
    expect(tabOf('schemaVersion')).toBe('json');
    expect(tabOf('trainingX')).toBe('json');
  });
});
