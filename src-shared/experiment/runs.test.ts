import { describe, expect, it } from 'vitest';
import breastCancer from '../../resources/examples/breast-cancer-restarts.json';
import { resolve } from './resolve';
import { expandRuns, restartSeed } from './runs';
import { mixSeeds, unitFromSeed } from './seeds';

const withStrategy = (strategy: object, split?: object) =>
  resolve({
    ...breastCancer,
    strategy: { ...breastCancer.strategy, ...strategy },
    ...(split === undefined ? {} : { split }),
  });

describe('expandRuns', () => {
  it('plans one run per restart with its seed, restart 0 keeping training.seed', () => {
    const runs = expandRuns(resolve(breastCancer));
    expect(runs.map((run) => run.key)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(runs[0]?.seed).toBe(42);
    expect(new Set(runs.map((run) => run.seed)).size).toBe(4);
    for (const run of runs) {
      expect(run.fold).toBeNull();
      expect(run.config.training.seed).toBe(run.seed);
      expect(run.config.strategy).toEqual(resolve(breastCancer).strategy);
    }
  });

  it('is deterministic', () => {
    const spec = withStrategy({
      restarts: {
        count: 5,
        randomSearch: [
          { path: 'optimization.optimizer.learningRate', min: 1e-4, max: 1e-1, log: true },
          { path: 'model.layers[0].units', min: 4, max: 64, integer: true },
          {
            path: 'model.layers[0].activation',
            values: ['relu', 'tanh', { kind: 'leakyRelu', alpha: 0.2 }],
          },
        ],
      },
    });
    expect(expandRuns(spec)).toEqual(expandRuns(structuredClone(spec)));
  });

  it('applies random search values within their ranges and re-resolves the config', () => {
    const spec = withStrategy({
      restarts: {
        count: 40,
        randomSearch: [
          { path: 'optimization.optimizer.learningRate', min: 1e-4, max: 1e-1, log: true },
          { path: 'model.layers[0].units', min: 4, max: 64, integer: true },
          { path: 'model.layers[0].activation', values: ['relu', 'tanh'] },
        ],
      },
    });
    const runs = expandRuns(spec);
    const rates = runs.map((run) => run.config.optimization.optimizer.learningRate);
    const units = runs.map(
      (run) => run.config.model.layers[0]?.type === 'dense' && run.config.model.layers[0].units,
    );
    for (const rate of rates) expect(rate >= 1e-4 && rate <= 1e-1).toBe(true);
    for (const unit of units)
      expect(Number.isInteger(unit) && (unit as number) >= 4 && (unit as number) <= 64).toBe(true);
    expect(rates.filter((rate) => rate < 1e-2).length).toBeGreaterThan(20);
    const activations = new Set(
      runs.map(
        (run) =>
          run.config.model.layers[0]?.type === 'dense' &&
          run.config.model.layers[0].activation.kind,
      ),
    );
    expect(activations).toEqual(new Set(['relu', 'tanh']));
    expect(runs[0]?.sampled.map((value) => value.path)).toEqual([
      'optimization.optimizer.learningRate',
      'model.layers[0].units',
      'model.layers[0].activation',
    ]);
    const first = runs[0]?.config.model.layers[0];
    expect(first?.type === 'dense' && first.activation).toEqual({
      kind: runs[0]?.sampled[2]?.value,
    });
  });

  it('crosses restarts with folds for k-fold splits, sharing each restart seed across folds', () => {
    const runs = expandRuns(
      withStrategy(
        { restarts: { count: 2, seeds: [7, 9] } },
        { kind: 'stratifiedKfold', k: 3, test: 0 },
      ),
    );
    expect(runs.map((run) => [run.key, run.restart, run.fold, run.seed])).toEqual([
      ['r0-f0', 0, 0, 7],
      ['r0-f1', 0, 1, 7],
      ['r0-f2', 0, 2, 7],
      ['r1-f0', 1, 0, 9],
      ['r1-f1', 1, 1, 9],
      ['r1-f2', 1, 2, 9],
    ]);
  });

  it('derives restart seeds from training.seed, so another base seed gives other restarts', () => {
    const spec = resolve(breastCancer);
    const other = resolve({ ...breastCancer, training: { ...breastCancer.training, seed: 43 } });
    expect(restartSeed(spec, 1)).toBe(mixSeeds(42, 1));
    expect(restartSeed(spec, 1)).not.toBe(restartSeed(other, 1));
    expect(restartSeed(other, 0)).toBe(43);
  });
});

describe('seeds', () => {
  it('spreads derived numbers over [0, 1)', () => {
    const values = Array.from({ length: 2000 }, (_, index) => unitFromSeed(mixSeeds(1, index)));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.03);
    expect(mixSeeds(1, 2)).not.toBe(mixSeeds(2, 1));
  });
});
