import { describe, expect, it } from 'vitest';
import { resolve } from './resolve';
import { validateSpec } from './validate';

const base = {
  schemaVersion: 1,
  name: 'sections',
  data: { source: { kind: 'builtin', dataset: 'iris' } },
  model: {
    layers: [
      { type: 'dense', units: 8, activation: 'relu' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ],
  },
};

const withSections = (sections: Record<string, unknown>) => ({ ...base, ...sections });

/** `path → text` of every problem, to assert on what a person reads. */
function problemTexts(input: unknown): Record<string, string> {
  const result = validateSpec(input);
  const problems = result.ok ? result.warnings : result.problems;
  return Object.fromEntries(problems.map((problem) => [problem.path, problem.text]));
}

describe('defaults', () => {
  it('fills every section of a minimal spec', () => {
    const spec = resolve(base);
    expect(spec.description).toBe('');
    expect(spec.tags).toEqual([]);
    expect(spec.split).toEqual({
      kind: 'holdout',
      train: 0.8,
      validation: 0.1,
      test: 0.1,
      stratify: true,
      seed: 0,
    });
    expect(spec.data.preprocessing).toEqual({ scale: 'standardize', oneHot: true });
    expect(spec.model.outputBias).toBe('auto');
    expect(spec.model.warmStart).toBeNull();
    expect(spec.optimization.optimizer).toEqual({
      kind: 'adam',
      learningRate: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
    });
    expect(spec.optimization.schedule).toEqual({ kind: 'constant', stepUnit: 'epoch' });
    expect(spec.training).toEqual({
      epochs: 20,
      batchSize: 32,
      gradientClipping: { kind: 'none' },
      gradientNoise: null,
      earlyStopping: null,
      seed: 0,
      deterministic: false,
      backend: 'auto',
    });
    expect(spec.strategy).toEqual({
      restarts: { count: 1, seeds: null, randomSearch: [] },
      snapshot: null,
      swa: null,
      selection: { monitor: 'val.loss', mode: 'min' },
    });
  });

  it('fills layer defaults and writes shorthand activations and initializers as objects', () => {
    const spec = resolve(
      withSections({
        model: {
          layers: [
            {
              type: 'dense',
              units: 4,
              activation: 'leakyRelu',
              kernelInitializer: { kind: 'orthogonal' },
            },
            { type: 'maxPool2d', poolSize: 3 },
            { type: 'conv2d', filters: 2, kernelSize: [3, 1] },
            {
              type: 'dense',
              units: 3,
              activation: { kind: 'elu', alpha: 0.5 },
              biasInitializer: { kind: 'constant', value: 0.1 },
            },
          ],
        },
      }),
    );
    expect(spec.model.layers[0]).toEqual({
      type: 'dense',
      units: 4,
      activation: { kind: 'leakyRelu', alpha: 0.01 },
      kernelInitializer: { kind: 'orthogonal', gain: 1 },
      biasInitializer: { kind: 'zeros' },
      useBias: true,
      l1: 0,
      l2: 0,
      frozen: false,
    });
    expect(spec.model.layers[1]).toEqual({
      type: 'maxPool2d',
      poolSize: [3, 3],
      strides: [3, 3],
      padding: 'valid',
      frozen: false,
    });
    expect(spec.model.layers[2]).toMatchObject({
      kernelSize: [3, 1],
      strides: [1, 1],
      padding: 'valid',
    });
    expect(spec.model.layers[3]).toMatchObject({
      activation: { kind: 'elu', alpha: 0.5 },
      biasInitializer: { kind: 'constant', value: 0.1 },
    });
  });

  it('fills generator options of a generated dataset from the catalog', () => {
    const spec = resolve(
      withSections({
        data: { source: { kind: 'builtin', dataset: 'spirals', generator: { noise: 0.3 } } },
      }),
    );
    expect(spec.data.source).toEqual({
      kind: 'builtin',
      dataset: 'spirals',
      generator: { samples: 1000, noise: 0.3, seed: 0 },
    });
  });
});

describe('schema messages', () => {
  it('meta: version, name, unknown fields', () => {
    const texts = problemTexts({ ...base, schemaVersion: 2, name: ' ', colour: 'red' });
    expect(texts.schemaVersion).toBe(
      'schemaVersion: must be 1 (the spec format this version of Basin reads), received 2',
    );
    expect(texts.name).toBe('name: must be non-empty text, received " "');
    expect(texts.colour).toBe('colour: is not a known field (check the spelling), received "red"');
  });

  it('data: dataset id, generator options on a recorded dataset, csv fields, missing policy, task', () => {
    expect(
      problemTexts(withSections({ data: { source: { kind: 'builtin', dataset: 'mnist' } } }))[
        'data.source.dataset'
      ],
    ).toContain(
      'must be "iris", "breast-cancer", "spirals", "circles", "poisson-counts" or "fashion-mnist", received "mnist"',
    );
    expect(
      problemTexts(
        withSections({
          data: { source: { kind: 'builtin', dataset: 'iris', generator: { samples: 50 } } },
        }),
      )['data.source.generator'],
    ).toContain('iris is a recorded dataset');
    const csv = problemTexts(
      withSections({
        data: {
          source: {
            kind: 'csv',
            path: '',
            target: 'y',
            columns: { age: 'number' },
            missing: 'zero',
          },
          task: 'ordinal',
        },
      }),
    );
    expect(csv['data.source.path']).toBe('data.source.path: must be non-empty path, received ""');
    expect(csv['data.source.columns.age']).toBe(
      'data.source.columns.age: must be "numeric", "categorical" or "ignored", received "number"',
    );
    expect(csv['data.source.missing']).toContain(
      'must be "drop", "mean", "median", "mode" or "error"',
    );
    expect(csv['data.task']).toContain(
      'must be "auto", "binary", "multiclass", "regression" or "count"',
    );
    expect(
      problemTexts(withSections({ data: { source: { kind: 'idx', train: { images: 'a' } } } }))[
        'data.source.train.labels'
      ],
    ).toBe('data.source.train.labels: must be non-empty path, received nothing');
  });

  it('split: kinds, fractions, k', () => {
    expect(problemTexts(withSections({ split: { kind: 'random' } }))['split.kind']).toContain(
      '"holdout", "kfold", "stratifiedKfold" or "time"',
    );
    expect(
      problemTexts(withSections({ split: { kind: 'holdout', train: 1.2 } }))['split.train'],
    ).toBe('split.train: must be a number from 0 to 1, received 1.2');
    expect(problemTexts(withSections({ split: { kind: 'kfold', k: 1 } }))['split.k']).toBe(
      'split.k: must be a whole number ≥ 2, received 1',
    );
  });

  it('model: layer type, units, activation, initializer, dropout rate', () => {
    const texts = problemTexts(
      withSections({
        model: {
          layers: [
            { type: 'lstm' },
            { type: 'dense', units: 2.5, activation: 'swish', kernelInitializer: 'constant' },
            { type: 'dropout', rate: 1 },
            { type: 'dense', units: 3, activation: 'softmax' },
          ],
        },
      }),
    );
    expect(texts['model.layers[0].type']).toContain(
      'must be a layer object whose "type" is one of',
    );
    expect(texts['model.layers[1].units']).toBe(
      'model.layers[1].units: must be a whole number ≥ 1, received 2.5',
    );
    expect(texts['model.layers[1].activation']).toContain('must be one of "relu", "leakyRelu"');
    expect(texts['model.layers[1].kernelInitializer']).toContain(
      'constant as { "kind": "constant", "value": number }',
    );
    expect(texts['model.layers[2].rate']).toBe(
      'model.layers[2].rate: must be a number ≥ 0 and < 1, received 1',
    );
    expect(problemTexts(withSections({ model: { layers: [] } }))['model.layers']).toBe(
      'model.layers: must list at least one layer, received []',
    );
  });

  it('optimization: loss, optimizer parameters, schedule', () => {
    const texts = problemTexts(
      withSections({
        optimization: {
          loss: 'crossentropy',
          optimizer: { kind: 'adamw', learningRate: -1, beta2: 1 },
          schedule: { kind: 'cosineWarmRestarts', t0: 0 },
        },
      }),
    );
    expect(texts['optimization.loss']).toContain(
      'must be "auto" or one of "categoricalCrossentropy"',
    );
    expect(texts['optimization.optimizer.learningRate']).toBe(
      'optimization.optimizer.learningRate: must be a number > 0, received -1',
    );
    expect(texts['optimization.optimizer.beta2']).toBe(
      'optimization.optimizer.beta2: must be a number ≥ 0 and < 1, received 1',
    );
    expect(texts['optimization.schedule.t0']).toBe(
      'optimization.schedule.t0: must be a whole number ≥ 1, received 0',
    );
    const huber = resolve(
      withSections({
        optimization: { loss: 'huber', optimizer: { kind: 'momentum', nesterov: true } },
      }),
    );
    expect(huber.optimization.loss).toEqual({ kind: 'huber', delta: 1 });
    expect(huber.optimization.optimizer).toEqual({
      kind: 'momentum',
      learningRate: 0.01,
      momentum: 0.9,
      nesterov: true,
    });
  });

  it('training: clipping, noise, early stopping monitor, seed, backend', () => {
    const texts = problemTexts(
      withSections({
        training: {
          gradientClipping: { kind: 'globalNorm' },
          gradientNoise: { eta: 0 },
          earlyStopping: { monitor: 'test.accuracy', patience: -1 },
          seed: 2 ** 32,
          backend: 'webgl',
        },
      }),
    );
    expect(texts['training.gradientClipping.maxNorm']).toBe(
      'training.gradientClipping.maxNorm: must be a number > 0, received nothing',
    );
    expect(texts['training.gradientNoise.eta']).toBe(
      'training.gradientNoise.eta: must be a number > 0, received 0',
    );
    expect(texts['training.earlyStopping.monitor']).toContain(
      'the test split is never used to steer training',
    );
    expect(texts['training.earlyStopping.patience']).toBe(
      'training.earlyStopping.patience: must be a whole number ≥ 0, received -1',
    );
    expect(texts['training.seed']).toContain('must be a whole number from 0 to 4294967295');
    expect(texts['training.backend']).toContain(
      '"auto", "tensorflow-gpu", "webgpu", "tensorflow", "wasm" or "cpu"',
    );
    expect(
      problemTexts(withSections({ training: { earlyStopping: { monitor: 'val.acc' } } }))[
        'training.earlyStopping.monitor'
      ],
    ).toContain('must be "train.<metric>" or "val.<metric>"');
  });

  it('strategy: snapshot, swa, random search, selection', () => {
    const texts = problemTexts(
      withSections({
        strategy: {
          restarts: {
            count: 0,
            randomSearch: [
              { path: 'optimization.optimizer.learningRate', min: 0, max: 1, log: true },
              { path: 'x' },
            ],
          },
          snapshot: { cycles: 1, initialLr: 0.1 },
          swa: { startEpoch: 5, annealStrategy: 'step' },
          selection: { monitor: 'train.loss' },
        },
      }),
    );
    expect(texts['strategy.restarts.count']).toBe(
      'strategy.restarts.count: must be a whole number ≥ 1, received 0',
    );
    expect(texts['strategy.restarts.randomSearch[0].min']).toBe(
      'strategy.restarts.randomSearch[0].min: must be > 0 for a log-uniform range, received 0',
    );
    expect(texts['strategy.restarts.randomSearch[1].min']).toContain(
      'must be a finite number, received nothing',
    );
    expect(texts['strategy.snapshot.cycles']).toBe(
      'strategy.snapshot.cycles: must be a whole number ≥ 2, received 1',
    );
    expect(texts['strategy.swa.swaLr']).toBe(
      'strategy.swa.swaLr: must be a number > 0, received nothing',
    );
    expect(texts['strategy.swa.annealStrategy']).toContain('must be "cos" or "linear"');
    expect(texts['strategy.selection.monitor']).toContain('models are chosen on held-out data');
  });

  it('describes the strategy shapes: snapshot members default to all cycles, the cosine to per batch', () => {
    const spec = resolve(
      withSections({
        strategy: {
          restarts: { count: 3 },
          snapshot: { cycles: 4, initialLr: 0.1 },
          swa: { startEpoch: 16, swaLr: 0.01 },
        },
      }),
    );
    expect(spec.strategy.snapshot).toEqual({
      cycles: 4,
      initialLr: 0.1,
      membersUsed: 4,
      stepUnit: 'batch',
    });
    expect(spec.strategy.swa).toEqual({
      startEpoch: 16,
      swaLr: 0.01,
      annealEpochs: 5,
      annealStrategy: 'cos',
      recomputeBatchNorm: true,
    });
  });
});
