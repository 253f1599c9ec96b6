import { describe, expect, it } from 'vitest';
import breastCancer from '../../resources/examples/breast-cancer-restarts.json';
import spiralsQuick from '../../resources/examples/spirals-quick.json';
import { SpecError } from './problems';
import { canonicalJson, resolve } from './resolve';

const csvSpec = {
  schemaVersion: 1,
  name: 'csv',
  data: {
    source: {
      kind: 'csv',
      path: 'houses.csv',
      target: 'price',
      columns: { zip: 'categorical', age: 'numeric' },
    },
  },
  model: { layers: [{ type: 'dense', units: 1 }] },
  training: { earlyStopping: { monitor: 'val.r2' } },
};

describe('resolve', () => {
  it('is idempotent', () => {
    for (const input of [breastCancer, spiralsQuick, csvSpec]) {
      const once = resolve(input);
      expect(resolve(once)).toEqual(once);
      expect(canonicalJson(resolve(once))).toBe(canonicalJson(once));
    }
  });

  it('makes the task and loss concrete once the task is known, and only then', () => {
    const builtin = resolve(spiralsQuick);
    expect(builtin.data.task).toBe('binary');
    expect(builtin.optimization.loss).toEqual({ kind: 'binaryCrossentropy' });
    const unread = resolve(csvSpec);
    expect(unread.data.task).toBe('auto');
    expect(unread.optimization.loss).toBe('auto');
    const read = resolve(csvSpec, { task: 'regression', inputShape: [2], classCount: null });
    expect(read.data.task).toBe('regression');
    expect(read.optimization.loss).toEqual({ kind: 'mse' });
    const overridden = resolve({ ...csvSpec, data: { ...csvSpec.data, task: 'count' } });
    expect(overridden.optimization.loss).toEqual({ kind: 'poisson' });
  });

  it('resolves "auto" monitor modes from the metric', () => {
    const spec = resolve(csvSpec);
    expect(spec.training.earlyStopping?.mode).toBe('max');
    expect(spec.strategy.selection.mode).toBe('min');
  });

  it('keeps schema key order and sorts column overrides', () => {
    const spec = resolve(csvSpec);
    expect(Object.keys(spec)).toEqual([
      'schemaVersion',
      'name',
      'description',
      'tags',
      'data',
      'split',
      'model',
      'optimization',
      'training',
      'strategy',
    ]);
    expect(spec.data.source.kind === 'csv' && Object.keys(spec.data.source.columns)).toEqual([
      'age',
      'zip',
    ]);
  });

  it('throws a SpecError listing every schema problem', () => {
    expect(() =>
      resolve({ ...csvSpec, name: '', model: { layers: [{ type: 'dense', units: 0 }] } }),
    ).toThrowError(SpecError);
    try {
      resolve({ ...csvSpec, name: '', model: { layers: [{ type: 'dense', units: 0 }] } });
    } catch (error) {
      expect((error as SpecError).problems.map((problem) => problem.path)).toEqual([
        'name',
        'model.layers[0].units',
      ]);
    }
  });
});

describe('canonicalJson', () => {
  it('gives equal text for equal values whatever their key order', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: null })).toBe('{"a":null,"b":[{"x":2,"y":1}]}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
