import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { irisSpec } from './testing/specs';
import { curve, runTrainer } from './testing/trainer-harness';

/** Dropout, batch norm, gradient noise and a per-batch schedule: every source of randomness and state. */
function busySpec(backend: 'wasm' | 'cpu'): Record<string, unknown> {
  return irisSpec({
    model: {
      layers: [
        { type: 'dense', units: 16, activation: 'relu' },
        { type: 'batchNorm', momentum: 0.9 },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
    },
    optimization: {
      optimizer: { kind: 'adamw', learningRate: 0.01 },
      schedule: { kind: 'cosine', stepUnit: 'batch' },
    },
    training: {
      epochs: 6,
      batchSize: 16,
      backend,
      gradientNoise: { eta: 0.01 },
      gradientClipping: { kind: 'globalNorm', maxNorm: 5 },
    },
  });
}

describe.each(['wasm', 'cpu'] as const)('trainer determinism on %s', (backend) => {
  it('gives bit-identical curves and weights for the same spec and seed', async () => {
    const spec = busySpec(backend);
    const [first, second] = await Promise.all([runTrainer({ spec }), runTrainer({ spec })]);
    expect(first.messages[0]).toMatchObject({ type: 'ready', backend });
    expect(curve(first.epochs)).toEqual(curve(second.epochs));
    const weights = (run: typeof first) =>
      readFileSync(join(run.done.selected.path, 'weights.bin'));
    expect(weights(first).equals(weights(second))).toBe(true);
    expect(first.done.testMetrics).toEqual(second.done.testMetrics);
  });

  it('resumes a run cancelled mid-epoch onto exactly the uninterrupted curve', async () => {
    const spec = busySpec(backend);
    const straight = await runTrainer({ spec });
    const interrupted = await runTrainer({
      spec,
      cancelWhen: (message) => message.type === 'epoch' && message.epoch === 2,
    });
    expect(interrupted.last.type).toBe('cancelled');
    if (interrupted.last.type !== 'cancelled') throw new Error('not cancelled');
    const { resumePath, epochsCompleted } = interrupted.last;
    expect(epochsCompleted).toBeGreaterThanOrEqual(2);
    // The cancel lands inside an epoch: the resume holds its shuffled order and partial sums.
    expect(resumePath).toMatch(/resume-e\d{4}-b\d{5}$/);
    const resumed = await runTrainer({
      spec,
      checkpointDir: interrupted.checkpointDir,
      resumeFrom: resumePath,
    });
    expect(resumed.messages[0]).toMatchObject({
      type: 'ready',
      resumedAfterEpoch: epochsCompleted,
    });
    expect(curve([...interrupted.epochs, ...resumed.epochs])).toEqual(curve(straight.epochs));
    expect(resumed.done.testMetrics).toEqual(straight.done.testMetrics);
  });

  it('checkpoints and exits when its parent goes away mid-run, and the run resumes from there', async () => {
    const spec = busySpec(backend);
    const straight = await runTrainer({ spec });
    const orphaned = await runTrainer({
      spec,
      disconnectWhen: (message) => message.type === 'epoch' && message.epoch === 2,
    });
    expect(orphaned.exitCode).toBe(0);
    const resume = readdirSync(orphaned.checkpointDir).find((name) =>
      /^resume-e\d{4}-b\d{5}$/.test(name),
    );
    expect(resume).toBeDefined();
    const resumed = await runTrainer({
      spec,
      checkpointDir: orphaned.checkpointDir,
      resumeFrom: join(orphaned.checkpointDir, resume ?? ''),
    });
    const seen =
      resumed.messages[0]?.type === 'ready' ? (resumed.messages[0].resumedAfterEpoch ?? 0) : 0;
    expect(curve([...straight.epochs.slice(0, seen), ...resumed.epochs])).toEqual(
      curve(straight.epochs),
    );
  });
});
