import { describe, expect, it } from 'vitest';
import { flattenConfig, groupBySettingsExceptSeed, groupRuns, varyingPaths } from './group-by';

describe('flattenConfig', () => {
  it('names every leaf by its path, array items by index', () => {
    const leaves = flattenConfig({
      model: { layers: [{ units: 16 }, { units: 1, activation: 'sigmoid' }] },
      training: { seed: 3, clip: null, tags: [] },
    });
    expect(Object.fromEntries(leaves)).toEqual({
      'model.layers[0].units': '16',
      'model.layers[1].units': '1',
      'model.layers[1].activation': '"sigmoid"',
      'training.seed': '3',
      'training.clip': 'null',
      'training.tags': '[]',
    });
  });
});

describe('varyingPaths', () => {
  it('keeps the paths whose values differ, a missing path included', () => {
    const a = flattenConfig({ lr: 0.1, seed: 1, units: 8 });
    const b = flattenConfig({ lr: 0.1, seed: 2, units: 8, extra: true });
    expect(varyingPaths([a, b])).toEqual(['extra', 'seed']);
    expect(varyingPaths([a, a])).toEqual([]);
  });
});

describe('groupRuns', () => {
  it('groups runs by value in order of first appearance', () => {
    const values: Record<number, string> = { 1: '0.1', 2: '0.01', 3: '0.1' };
    expect(groupRuns([1, 2, 3], 'lr', (id) => values[id] ?? '')).toEqual([
      { label: 'lr = 0.1', runIds: [1, 3] },
      { label: 'lr = 0.01', runIds: [2] },
    ]);
  });
});

describe('groupBySettingsExceptSeed', () => {
  const configs = new Map([
    [1, flattenConfig({ name: 'a', training: { seed: 1, epochs: 5 }, lr: 0.1 })],
    [2, flattenConfig({ name: 'b', training: { seed: 2, epochs: 5 }, lr: 0.1 })],
    [3, flattenConfig({ name: 'a', training: { seed: 3, epochs: 5 }, lr: 0.01 })],
  ]);

  it('groups runs that differ only in seed and name, labelled by what tells groups apart', () => {
    expect(groupBySettingsExceptSeed([1, 2, 3], (id) => configs.get(id))).toEqual([
      { label: 'lr = 0.1', runIds: [1, 2] },
      { label: 'lr = 0.01', runIds: [3] },
    ]);
  });

  it('puts every run in one group when only seeds differ', () => {
    expect(groupBySettingsExceptSeed([1, 2], (id) => configs.get(id))).toEqual([
      { label: 'same settings', runIds: [1, 2] },
    ]);
  });
});
