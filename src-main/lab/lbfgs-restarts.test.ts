import { describe, expect, it } from 'vitest';
import { call, example, useSharedTestLab } from './testing/lab-fixture';

const lab = useSharedTestLab();

describe('L-BFGS through the lab', () => {
  it('trains full-batch restarts of a smooth net to different minima, counting iterations and evaluations', async () => {
    const spec = example('spirals-quick.json', (s) => ({
      ...s,
      name: 'lbfgs restarts',
      model: {
        layers: [
          { type: 'dense', units: 12, activation: 'tanh', kernelInitializer: 'torchDefault' },
          { type: 'dense', units: 1, activation: 'sigmoid' },
        ],
      },
      optimization: { optimizer: { kind: 'lbfgs', maxIterations: 10, historySize: 10 } },
      training: { epochs: 3, batchSize: 'full', seed: 7, backend: 'cpu' },
      strategy: { restarts: { count: 2 } },
    }));
    const experimentId = (await call(lab(), 'experiments.create', { spec })).id;
    const { runIds } = await call(lab(), 'experiments.launch', { id: experimentId });
    await lab().scheduler.idle();
    await lab().experimentSettled(experimentId);
    const runs = await Promise.all(runIds.map((id) => call(lab(), 'runs.get', { id })));
    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded']);
    for (const run of runs) {
      const iterations = run.metrics['lbfgs.iterations'];
      const evaluations = run.metrics['lbfgs.evaluations'];
      // Three epochs of up to 10 iterations each; at least one evaluation per iteration.
      expect(iterations?.last).toBeGreaterThan(3);
      expect(iterations?.last).toBeLessThanOrEqual(30);
      expect(evaluations?.last).toBeGreaterThanOrEqual(iterations?.last ?? Infinity);
      const loss = run.metrics['train.loss'];
      expect(loss?.last).toBeLessThan(0.69);
    }
    // Restarts start from different weights, so they end at different points.
    expect(runs[0]?.metrics['train.loss']?.last).not.toBe(runs[1]?.metrics['train.loss']?.last);
    const comparison = await call(lab(), 'compare.strategies', { experimentId });
    expect(comparison.runs).toBe(2);
  }, 120_000);
});
