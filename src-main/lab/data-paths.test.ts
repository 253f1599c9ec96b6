import { describe, expect, it } from 'vitest';
import { LabError } from '@shared/contract/envelope';
import { absolutizeDataPaths, requireAbsoluteDataPaths } from './data-paths';

const csvSpec = {
  name: 'x',
  data: { source: { kind: 'csv', path: 'data/table.csv', target: 'y' } },
};
const idxSpec = {
  data: {
    source: {
      kind: 'idx',
      train: { images: 'train-images.gz', labels: '/abs/train-labels.gz' },
      test: null,
    },
  },
};

describe('absolutizeDataPaths', () => {
  it('resolves relative CSV and IDX paths against the spec folder and leaves the input alone', () => {
    expect(absolutizeDataPaths(csvSpec, '/specs')).toEqual({
      name: 'x',
      data: { source: { kind: 'csv', path: '/specs/data/table.csv', target: 'y' } },
    });
    expect(csvSpec.data.source.path).toBe('data/table.csv');
    expect(absolutizeDataPaths(idxSpec, '/specs')).toEqual({
      data: {
        source: {
          kind: 'idx',
          train: { images: '/specs/train-images.gz', labels: '/abs/train-labels.gz' },
          test: null,
        },
      },
    });
  });

  it('passes specs without data files through unchanged', () => {
    const builtin = { data: { source: { kind: 'builtin', dataset: 'iris' } } };
    expect(absolutizeDataPaths(builtin, '/specs')).toEqual(builtin);
    expect(absolutizeDataPaths('not a spec', '/specs')).toBe('not a spec');
  });
});

describe('requireAbsoluteDataPaths', () => {
  it('names every relative data path', () => {
    let caught: unknown;
    try {
      requireAbsoluteDataPaths(idxSpec);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LabError);
    expect((caught as LabError).message).toBe(
      'The experiment cannot launch: data.source.train.images: must be an absolute path, received "train-images.gz"',
    );
    expect((caught as LabError).details).toHaveLength(1);
  });

  it('accepts absolute paths', () => {
    expect(() => requireAbsoluteDataPaths(absolutizeDataPaths(csvSpec, '/specs'))).not.toThrow();
  });
});
