import { describe, expect, it } from 'vitest';
import spiralsQuick from '../../resources/examples/spirals-quick.json';
import { diffSpecs } from './diff';
import { resolve } from './resolve';

const base = resolve(spiralsQuick);
const withLayers = (layers: unknown[]) =>
  resolve({ ...spiralsQuick, model: { ...spiralsQuick.model, layers } });
const [first, second, output] = spiralsQuick.model.layers;

describe('diffSpecs', () => {
  it('finds nothing between equal specs', () => {
    expect(diffSpecs(base, resolve(structuredClone(spiralsQuick)))).toEqual([]);
  });

  it('reports an inserted layer as one change', () => {
    const after = withLayers([first, { type: 'dropout', rate: 0.2 }, second, output]);
    expect(diffSpecs(base, after)).toEqual([
      {
        kind: 'added',
        path: 'model.layers[1]',
        after: { type: 'dropout', rate: 0.2, frozen: false },
      },
    ]);
  });

  it('reports a removed layer as one change, by its index before', () => {
    const before = withLayers([first, { ...second, units: 32 }, output]);
    expect(diffSpecs(before, withLayers([first, output]))).toEqual([
      { kind: 'removed', path: 'model.layers[1]', before: before.model.layers[1] },
    ]);
  });

  it('reports an edited layer field by field, beside an inserted one', () => {
    const after = withLayers([{ type: 'batchNorm' }, first, { ...second, units: 32 }, output]);
    expect(diffSpecs(base, after)).toEqual([
      {
        kind: 'added',
        path: 'model.layers[0]',
        after: { type: 'batchNorm', momentum: 0.99, epsilon: 0.001, frozen: false },
      },
      { kind: 'changed', path: 'model.layers[2].units', before: 16, after: 32 },
    ]);
  });

  it('reports a change of kind as one change and nested fields by path', () => {
    const after = resolve({
      ...spiralsQuick,
      optimization: { optimizer: { kind: 'sgd', learningRate: 0.1 } },
      training: { ...spiralsQuick.training, epochs: 8, earlyStopping: { patience: 3 } },
      tags: ['quick'],
    });
    expect(diffSpecs(base, after)).toEqual([
      { kind: 'changed', path: 'tags', before: ['example', 'quick'], after: ['quick'] },
      {
        kind: 'changed',
        path: 'optimization.optimizer',
        before: base.optimization.optimizer,
        after: { kind: 'sgd', learningRate: 0.1 },
      },
      { kind: 'changed', path: 'training.epochs', before: 5, after: 8 },
      {
        kind: 'changed',
        path: 'training.earlyStopping',
        before: null,
        after: after.training.earlyStopping,
      },
    ]);
  });

  it('reports fields present on one side only', () => {
    expect(diffSpecs({ a: 1, b: { c: 2 } }, { b: { c: 2, d: 3 } })).toEqual([
      { kind: 'removed', path: 'a', before: 1 },
      { kind: 'added', path: 'b.d', after: 3 },
    ]);
  });
});
