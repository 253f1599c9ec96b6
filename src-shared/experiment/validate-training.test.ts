import { describe, expect, it } from 'vitest';
import { outputModel, problemAt, problemsOf, withSections } from './testing/spec-problems';
import { validateSpec } from './validate';

describe('training and strategy checks', () => {
  const strategy = (value: object, training: object = { epochs: 20 }) =>
    withSections({ training, strategy: value });

  it('keeps snapshot cycles within the epochs before SWA and SWA before the end', () => {
    expect(
      problemAt(strategy({ snapshot: { cycles: 25, initialLr: 0.1 } }), 'strategy.snapshot.cycles')
        .message,
    ).toBe('must be ≤ 20: each cycle needs at least one epoch of training.epochs (20)');
    expect(
      problemAt(
        strategy({ snapshot: { cycles: 4, initialLr: 0.1 }, swa: { startEpoch: 3, swaLr: 0.01 } }),
        'strategy.snapshot.cycles',
      ).message,
    ).toContain('the 3 epochs before SWA starts');
    expect(
      problemAt(strategy({ swa: { startEpoch: 20, swaLr: 0.01 } }), 'strategy.swa.startEpoch')
        .message,
    ).toContain('must be < training.epochs (20)');
    expect(
      problemAt(
        strategy({ snapshot: { cycles: 4, initialLr: 0.1, membersUsed: 5 } }),
        'strategy.snapshot.membersUsed',
      ).severity,
    ).toBe('error');
  });

  it('warns when fewer snapshot cycles fit than asked and when the schedule is replaced', () => {
    expect(
      problemAt(
        strategy({ snapshot: { cycles: 4, initialLr: 0.1 } }, { epochs: 9 }),
        'strategy.snapshot.cycles',
      ).message,
    ).toContain('give only 3 snapshots');
    const cosine = withSections({
      optimization: { schedule: { kind: 'cosine' } },
      strategy: { snapshot: { cycles: 4, initialLr: 0.1 } },
    });
    expect(problemAt(cosine, 'optimization.schedule.kind').severity).toBe('warning');
  });

  it('checks restart seeds and random search', () => {
    expect(
      problemAt(strategy({ restarts: { count: 3, seeds: [1, 2] } }), 'strategy.restarts.seeds')
        .severity,
    ).toBe('error');
    expect(
      problemAt(strategy({ restarts: { count: 2, seeds: [1, 1] } }), 'strategy.restarts.seeds')
        .severity,
    ).toBe('warning');
    const search = (dimension: object) =>
      strategy({ restarts: { count: 4, randomSearch: [dimension] } });
    expect(
      problemsOf(
        search({ path: 'optimization.optimizer.learningRate', min: 1e-4, max: 1e-1, log: true }),
      ),
    ).toEqual([]);
    expect(
      problemsOf(search({ path: 'model.layers[0].units', min: 4, max: 64, integer: true })),
    ).toEqual([]);
    expect(
      problemAt(
        search({ path: 'model.layers[0].units', min: 4, max: 64 }),
        'strategy.restarts.randomSearch[0].integer',
      ).message,
    ).toContain('set "integer": true');
    expect(
      problemAt(
        search({ path: 'split.train', values: [0.7] }),
        'strategy.restarts.randomSearch[0].path',
      ).message,
    ).toContain('must start with model');
    expect(
      problemAt(
        search({ path: 'training.seed', values: [1] }),
        'strategy.restarts.randomSearch[0].path',
      ).severity,
    ).toBe('error');
    expect(
      problemAt(
        search({ path: 'model.layers[5].units', values: [1] }),
        'strategy.restarts.randomSearch[0].path',
      ).message,
    ).toBe('does not name a field of this spec');
    expect(
      problemAt(
        search({ path: 'optimization.optimizer.kind', min: 0, max: 1 }),
        'strategy.restarts.randomSearch[0].path',
      ).message,
    ).toContain('not a number');
    expect(
      problemAt(
        search({ path: 'model.layers[0].activation', values: ['relu', 'swish'] }),
        'strategy.restarts.randomSearch[0].values[1]',
      ).text,
    ).toContain('gives "swish", but model.layers[0].activation must be one of');
  });

  it('checks monitors against the task and early stopping against the strategy', () => {
    const counts = withSections({
      data: { source: { kind: 'builtin', dataset: 'poisson-counts' } },
      model: outputModel(1, 'linear'),
      training: { earlyStopping: { monitor: 'val.accuracy' } },
      strategy: { selection: { monitor: 'val.auc' } },
    });
    expect(problemAt(counts, 'training.earlyStopping.monitor').message).toBe(
      'accuracy is not defined for a count task',
    );
    expect(problemAt(counts, 'strategy.selection.monitor').message).toBe(
      'auc is not defined for a count task',
    );
    expect(
      problemAt(
        strategy({ swa: { startEpoch: 10, swaLr: 0.01 } }, { epochs: 20, earlyStopping: {} }),
        'training.earlyStopping',
      ).severity,
    ).toBe('warning');
  });

  it('still runs the checks across sections when another field of a section is broken', () => {
    const problems = problemsOf(
      strategy({ swa: { startEpoch: 12, swaLr: 0.01 } }, { epochs: 10, batchsize: 3 }),
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      'training.batchsize',
      'strategy.swa.startEpoch',
    ]);
  });
});

describe('reduce-on-plateau monitor', () => {
  const plateau = (monitor: string) =>
    withSections({ optimization: { schedule: { kind: 'reduceOnPlateau', monitor } } });

  it('uses the same metric keys as early stopping', () => {
    expect(validateSpec(plateau('val.loss')).ok).toBe(true);
    const problem = problemAt(plateau('val_loss'), 'optimization.schedule.monitor');
    expect(problem.severity).toBe('error');
    expect(problem.received).toBe('val_loss');
  });

  it('rejects a metric the task does not define', () => {
    expect(problemAt(plateau('val.r2'), 'optimization.schedule.monitor').message).toBe(
      'r2 is not defined for a multiclass task',
    );
  });
});
