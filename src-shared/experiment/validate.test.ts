import { describe, expect, it } from 'vitest';
import breastCancer from '../../resources/examples/breast-cancer-restarts.json';
import spiralsQuick from '../../resources/examples/spirals-quick.json';
import type { DataFacts } from './datasets';
import { outputModel, problemAt, problemsOf, withSections } from './testing/spec-problems';
import { validateSpec } from './validate';

describe('validateSpec', () => {
  it('lists all five mistakes of a hand-written spec, each with its path and received value', () => {
    const handWritten = {
      schemaVersion: 1,
      name: 'five mistakes',
      data: { source: { kind: 'builtin', dataset: 'iris' } },
      split: { kind: 'holdout', train: 0.7, validation: 0.2, test: 0.2 },
      model: {
        layers: [
          { type: 'dense', units: 16, activation: 'relu' },
          { type: 'dense', units: 0, activation: 'relu' },
          { type: 'dense', units: 3, activation: 'sigmoid' },
        ],
      },
      optimization: { optimizer: { kind: 'adam', learningRate: -0.01 } },
      training: { epochs: 10, batchsize: 64 },
    };
    const result = validateSpec(handWritten);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((problem) => problem.text)).toEqual([
      'split: train + validation + test must add up to 1, but they add up to 1.1, received {"train":0.7,"validation":0.2,"test":0.2}',
      'model.layers[1].units: must be a whole number ≥ 1, received 0',
      'model.layers[2].activation: scores each unit on its own, but this multiclass task has 3 classes with exactly one per example: use softmax with 3 units and categoricalCrossentropy, received {"kind":"sigmoid"}',
      'optimization.optimizer.learningRate: must be a number > 0, received -0.01',
      'training.batchsize: is not a known field (check the spelling), received 64',
    ]);
    expect(problems.map((problem) => problem.received)).toEqual([
      { train: 0.7, validation: 0.2, test: 0.2 },
      0,
      { kind: 'sigmoid' },
      -0.01,
      64,
    ]);
    expect(problems.every((problem) => problem.severity === 'error')).toBe(true);
  });

  it('accepts the example specs without warnings', () => {
    for (const example of [breastCancer, spiralsQuick]) {
      const result = validateSpec(example);
      expect(result.ok ? result.warnings : result.problems).toEqual([]);
    }
  });

  it('reports a spec that is not an object', () => {
    expect(problemsOf(null)[0]?.text).toBe('(root): must be an object ({ ... }), received null');
  });
});

describe('output activation, loss and task', () => {
  it('warns on softmax with mse and names the right pairing', () => {
    const problem = problemAt(withSections({ optimization: { loss: 'mse' } }), 'optimization.loss');
    expect(problem.severity).toBe('warning');
    expect(problem.message).toContain('softmax pairs with categoricalCrossentropy');
  });

  it('rejects a sigmoid output for a 3-class task', () => {
    const problem = problemAt(
      withSections({ model: outputModel(3, 'sigmoid') }),
      'model.layers[1].activation',
    );
    expect(problem.severity).toBe('error');
    expect(problem.message).toContain('use softmax with 3 units');
  });

  it('rejects softmax over one unit for a binary task, once', () => {
    const spec = withSections({
      data: { source: { kind: 'builtin', dataset: 'breast-cancer' } },
      model: outputModel(1, 'softmax'),
    });
    const problems = problemsOf(spec);
    expect(problems.map((problem) => problem.path)).toEqual(['model.layers[1].activation']);
    expect(problems[0]?.message).toContain('softmax over a single unit always outputs 1');
  });

  it('names the default loss when it does not fit the output', () => {
    const spec = withSections({
      data: { source: { kind: 'builtin', dataset: 'breast-cancer' } },
      model: outputModel(2, 'softmax'),
    });
    const problem = problemAt(spec, 'optimization.loss');
    expect(problem.message).toContain(
      'or categoricalCrossentropy for a softmax output (binaryCrossentropy is the default loss for a binary task)',
    );
    expect(problem.received).toBe('auto');
  });

  it('blames the output activation, not the default loss, when the activation does not fit the task', () => {
    const spec = withSections({
      data: { source: { kind: 'builtin', dataset: 'breast-cancer' } },
      model: outputModel(1, 'linear'),
    });
    expect(problemsOf(spec).map((problem) => problem.path)).toEqual(['model.layers[1].activation']);
  });

  it('rejects cross-entropy for regression and binaryCrossentropy for a multiclass task', () => {
    const counts = withSections({
      data: { source: { kind: 'builtin', dataset: 'poisson-counts' } },
      model: outputModel(1, 'linear'),
      optimization: { loss: 'categoricalCrossentropy' },
    });
    expect(problemAt(counts, 'optimization.loss').message).toContain(
      'is for class labels, but the task is count',
    );
    const multiclass = withSections({ optimization: { loss: 'binaryCrossentropy' } });
    expect(problemAt(multiclass, 'optimization.loss').message).toContain(
      'use categoricalCrossentropy with a softmax output',
    );
  });

  it('asks poisson for a linear log-rate output and accepts it for counts', () => {
    const counts = (activation: string) =>
      withSections({
        data: { source: { kind: 'builtin', dataset: 'poisson-counts' } },
        model: outputModel(1, activation),
      });
    expect(problemsOf(counts('linear'))).toEqual([]);
    expect(problemAt(counts('relu'), 'optimization.loss').message).toContain('use linear there');
  });

  it('warns that mse, mae or huber on counts leave Poisson deviance undefined for predictions ≤ 0', () => {
    for (const loss of ['mse', 'mae', 'huber']) {
      const counts = withSections({
        data: { source: { kind: 'builtin', dataset: 'poisson-counts' } },
        model: outputModel(1, 'linear'),
        optimization: { loss },
      });
      const problem = problemAt(counts, 'optimization.loss');
      expect(problem.severity).toBe('warning');
      expect(problem.message).toContain('Poisson deviance is undefined in every epoch');
      expect(problem.message).toContain('use poisson');
    }
  });

  it('checks the number of output units against the classes', () => {
    expect(
      problemAt(withSections({ model: outputModel(4, 'softmax') }), 'model.layers[1].units')
        .message,
    ).toBe('must be 3 for this 3-class task (one unit per class)');
    const binary = withSections({
      data: { source: { kind: 'builtin', dataset: 'circles' } },
      model: outputModel(2, 'sigmoid'),
    });
    expect(problemAt(binary, 'model.layers[1].units').message).toContain(
      'must be 1 for a binary task',
    );
  });

  it('accepts 2 softmax units with categoricalCrossentropy for a binary task', () => {
    const binary = withSections({
      data: { source: { kind: 'builtin', dataset: 'circles' } },
      model: outputModel(2, 'softmax'),
      optimization: { loss: 'categoricalCrossentropy' },
    });
    expect(problemsOf(binary)).toEqual([]);
  });

  it('uses the facts of file data, and skips task checks without them', () => {
    const csv = withSections({
      data: { source: { kind: 'csv', path: 'x.csv', target: 'y' } },
      model: outputModel(3, 'sigmoid'),
    });
    expect(validateSpec(csv).ok).toBe(true);
    const facts: DataFacts = { task: 'multiclass', inputShape: [5], classCount: 3 };
    expect(problemAt(csv, 'model.layers[1].activation', facts).severity).toBe('error');
    const resolved = validateSpec(
      withSections({ data: { source: { kind: 'csv', path: 'x.csv', target: 'y' } } }),
      facts,
    );
    expect(resolved.ok && resolved.spec.optimization.loss).toEqual({
      kind: 'categoricalCrossentropy',
    });
  });

  it('requires a dense output layer', () => {
    const spec = withSections({
      model: {
        layers: [{ type: 'dense', units: 3, activation: 'softmax' }, { type: 'batchNorm' }],
      },
    });
    expect(problemAt(spec, 'model.layers[1].type').message).toContain(
      'the output must be a dense layer',
    );
  });
});

describe('model checks', () => {
  it('rejects conv2d after a 1-D input and suggests a reshape', () => {
    const spec = withSections({
      data: { source: { kind: 'builtin', dataset: 'breast-cancer' } },
      model: {
        layers: [
          { type: 'conv2d', filters: 4, kernelSize: 3 },
          { type: 'flatten' },
          { type: 'dense', units: 1, activation: 'sigmoid' },
        ],
      },
    });
    const problem = problemAt(spec, 'model.layers[0].type');
    expect(problem.text).toContain(
      'conv2d needs an image input [height, width, channels] but receives a flat vector [30]',
    );
    expect(problem.received).toBe('conv2d');
  });

  it('warns about stacked linear layers, frozen layers without a checkpoint, and refuses all-frozen models', () => {
    const linear = withSections({
      model: {
        layers: [
          { type: 'dense', units: 8 },
          { type: 'dropout', rate: 0.1 },
          { type: 'dense', units: 3, activation: 'softmax' },
        ],
      },
    });
    expect(problemAt(linear, 'model.layers[0].activation').severity).toBe('warning');
    const frozen = withSections({
      model: {
        layers: [
          { type: 'dense', units: 8, activation: 'relu', frozen: true },
          { type: 'dense', units: 3, activation: 'softmax' },
        ],
      },
    });
    expect(problemAt(frozen, 'model.layers[0].frozen').message).toContain('model.warmStart');
    const warm = withSections({
      model: { ...(frozen.model as object), warmStart: { checkpoint: 'runs/1/best' } },
    });
    expect(problemsOf(warm)).toEqual([]);
    const allFrozen = withSections({
      model: {
        layers: [{ type: 'dense', units: 3, activation: 'softmax', frozen: true }],
        warmStart: { checkpoint: 'c' },
      },
    });
    expect(problemAt(allFrozen, 'model.layers').severity).toBe('error');
  });
});

describe('data and split checks', () => {
  it('requires split fractions that add up to 1 and a validation part', () => {
    expect(
      problemAt(
        withSections({ split: { kind: 'time', train: 0.9, validation: 0, test: 0.1 } }),
        'split.validation',
      ).severity,
    ).toBe('error');
    expect(
      problemsOf(withSections({ split: { kind: 'holdout', train: 0.7, validation: 0.2 } })),
    ).toEqual([]);
    expect(
      problemsOf(
        withSections({ split: { kind: 'holdout', train: 0.1 + 0.2, validation: 0.6, test: 0.1 } }),
      ),
    ).toEqual([]);
  });

  it('rejects stratified k-fold for counts, an order column without a CSV, and a test fraction beside an IDX test pair', () => {
    const counts = withSections({
      data: { source: { kind: 'builtin', dataset: 'poisson-counts' } },
      model: outputModel(1, 'linear'),
      split: { kind: 'stratifiedKfold', k: 5 },
    });
    expect(problemAt(counts, 'split.kind').message).toContain('use "kfold"');
    expect(
      problemAt(withSections({ split: { kind: 'time', orderColumn: 'date' } }), 'split.orderColumn')
        .severity,
    ).toBe('error');
    const idx = withSections({
      data: {
        source: {
          kind: 'idx',
          train: { images: 'a', labels: 'b' },
          test: { images: 'c', labels: 'd' },
        },
      },
    });
    expect(problemAt(idx, 'split.test').message).toContain(
      'the test set comes from data.source.test',
    );
  });

  it('refuses to ignore the target column and a binary task over more classes', () => {
    const csv = withSections({
      data: { source: { kind: 'csv', path: 'x.csv', target: 'y', columns: { y: 'ignored' } } },
    });
    expect(problemAt(csv, 'data.source.columns.y').severity).toBe('error');
    expect(
      problemAt(
        withSections({
          data: { source: { kind: 'builtin', dataset: 'iris' }, task: 'binary' },
          model: outputModel(1, 'sigmoid'),
        }),
        'data.task',
      ).message,
    ).toContain('the target has 3 classes');
  });
});
