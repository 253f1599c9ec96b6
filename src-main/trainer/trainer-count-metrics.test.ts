import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR, runTrainer } from './testing/trainer-harness';

/** The shipped Poisson example, but fitted with mse: its linear output may predict rates ≤ 0. */
function countsWithMse(): Record<string, unknown> {
  const path = join(RESOURCES_DIR, 'examples', 'poisson-counts-swa.json');
  const spec = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return {
    ...spec,
    data: {
      source: {
        kind: 'builtin',
        dataset: 'poisson-counts',
        generator: { samples: 1000, noise: 0, seed: 0 },
      },
    },
    optimization: { loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.05 } },
    training: { epochs: 3, batchSize: 32, seed: 1, backend: 'wasm' },
    strategy: {},
  };
}

describe('a count run trained with mse', () => {
  it('finishes, reporting Poisson deviance as undefined, with the reason, where predictions are ≤ 0', async () => {
    const run = await runTrainer({ spec: countsWithMse() });
    expect(run.exitCode).toBe(0);
    expect(run.done.testMetrics['test.mse']).toBeGreaterThan(0);
    expect(run.epochs).toHaveLength(3);
    for (const epoch of run.epochs) {
      expect(epoch.metrics['val.poissonDeviance']).toBeUndefined();
      expect(epoch.undefinedMetrics['val.poissonDeviance']).toMatch(
        /^Poisson deviance needs predicted rates > 0, but \d+ of 400 predictions are ≤ 0 \(yPred\[\d+\] is -?[\d.e-]+\)$/,
      );
    }
    expect(run.done.testUndefinedMetrics['test.poissonDeviance']).toMatch(
      /^Poisson deviance needs predicted rates > 0/,
    );
  }, 120_000);
});
