import { describe, expect, it } from 'vitest';
import { call, example, fullCurves, useSharedTestLab } from './testing/lab-fixture';

const lab = useSharedTestLab();

/**
 * Breast Cancer trained far past its fit at a high learning rate, with no regularization: by the
 * last epochs a few validation rows are predicted wrong with a probability of the true class below
 * 1e-7, where clipping probabilities (or not) changes the loss. Before one computation scored
 * every `val.loss`, this run's final checkpoint said 0.1934 and the curve at epoch 40 0.2197.
 */
const overconfident = example('breast-cancer-restarts.json', (spec) => ({
  ...spec,
  name: 'overconfident breast cancer',
  model: {
    layers: [
      { type: 'dense', units: 64, activation: 'relu', kernelInitializer: 'heNormal' },
      { type: 'dense', units: 64, activation: 'relu', kernelInitializer: 'heNormal' },
      { type: 'dense', units: 1, activation: 'sigmoid' },
    ],
    outputBias: 'auto',
  },
  optimization: {
    loss: 'binaryCrossentropy',
    optimizer: { kind: 'adam', learningRate: 0.05 },
    schedule: { kind: 'constant' },
  },
  training: { epochs: 40, batchSize: 32, seed: 42 },
  // The best checkpoint is scored at its epoch's end, the final one after the last epoch.
  strategy: { restarts: { count: 1 }, selection: { monitor: 'val.accuracy' } },
}));

describe('a checkpoint’s validation metrics', () => {
  it('equal the epoch curve at its epoch, however overconfident the model', async () => {
    const experimentId = (await call(lab(), 'experiments.create', { spec: overconfident })).id;
    const { runIds } = await call(lab(), 'experiments.launch', { id: experimentId });
    await lab().scheduler.idle();
    await lab().experimentSettled(experimentId);
    const run = await call(lab(), 'runs.get', { id: runIds[0] as number });
    expect(run.status).toBe('succeeded');
    const keys = ['val.loss', 'val.logLoss', 'val.accuracy'];
    const curves = await fullCurves(lab(), run.id, keys);
    const atEpoch = (key: string, epoch: number) =>
      curves[key]?.y[(curves[key]?.x ?? []).indexOf(epoch)];

    // The run is overconfident: its last validation loss is far above its lowest (0.19 vs 0.076).
    const lossCurve = curves['val.loss']?.y ?? [];
    expect(lossCurve.at(-1)).toBeGreaterThan(2 * Math.min(...lossCurve));

    // Best, snapshot and final checkpoints hold the weights of an epoch's end, at inference,
    // like the curve: the same model on the same split, so the same numbers.
    const comparable = run.checkpoints.filter((c) => c.kind !== 'resume' && c.kind !== 'swa');
    expect(comparable.map((c) => c.kind).sort()).toEqual(['best', 'final']);
    for (const checkpoint of comparable) {
      for (const key of keys) {
        expect({
          kind: checkpoint.kind,
          epoch: checkpoint.epoch,
          key,
          value: checkpoint.metrics[key],
        }).toEqual({
          kind: checkpoint.kind,
          epoch: checkpoint.epoch,
          key,
          value: atEpoch(key, checkpoint.epoch),
        });
      }
    }
  }, 180_000);
});
