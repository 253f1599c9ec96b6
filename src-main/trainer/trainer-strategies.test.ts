import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { resolve } from '@shared/experiment';
import { loadDataset } from '../data/load-dataset';
import { readNamedWeights } from '../checkpoints/layers-model.tfjs';
import { irisSpec, spiralsSpec } from './testing/specs';
import { RESOURCES_DIR, runTrainer, type TrainerRun } from './testing/trainer-harness';

async function weightsOf(folder: string): Promise<Record<string, Float32Array>> {
  const named = await readNamedWeights(folder);
  return Object.fromEntries(
    Object.entries(named).map(([name, tensor]) => [name, tensor.dataSync() as Float32Array]),
  );
}

function checkpointPath(run: TrainerRun, kind: string): string {
  const message = run.messages.findLast((m) => m.type === 'checkpoint' && m.kind === kind);
  if (message?.type !== 'checkpoint') throw new Error(`no ${kind} checkpoint`);
  return message.path;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('SWA in a forked trainer', () => {
  it('ends with weights equal to the mean of the weights recorded after each averaged epoch', async () => {
    const swa = { startEpoch: 3, swaLr: 0.005, annealEpochs: 1 };
    const spec = (epochs: number) => irisSpec({ training: { epochs }, strategy: { swa } });
    // A run of k epochs ends with the weights an uninterrupted run has after epoch k.
    const runs = await Promise.all([4, 5, 6].map((epochs) => runTrainer({ spec: spec(epochs) })));
    const recorded = await Promise.all(runs.map((run) => weightsOf(checkpointPath(run, 'final'))));
    const longest = runs[2] as TrainerRun;
    const averaged = await weightsOf(checkpointPath(longest, 'swa'));
    expect(longest.epochs.map((e) => e.swa)).toEqual([false, false, false, true, true, true]);
    expect(Object.keys(averaged).sort()).toEqual([
      'l00_dense/bias',
      'l00_dense/kernel',
      'l01_dense/bias',
      'l01_dense/kernel',
    ]);
    for (const [name, values] of Object.entries(averaged)) {
      values.forEach((value, i) => {
        const mean =
          recorded.reduce((sum, weights) => sum + (weights[name]?.[i] as number), 0) /
          recorded.length;
        expect(Math.abs(value - mean)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(mean)));
      });
    }
    expect(longest.done.candidates.map((c) => c.kind)).toEqual(['best-epoch', 'swa']);
  });

  it('recomputes batch-norm statistics of the averaged weights as the exact training-set mean and unbiased variance', async () => {
    const spec = irisSpec({
      model: {
        layers: [
          { type: 'dense', units: 8 },
          { type: 'batchNorm' },
          { type: 'activation', activation: 'relu' },
          { type: 'dense', units: 3, activation: 'softmax' },
        ],
      },
      // One batch holds the whole training split, so update_bn's batch average is the exact statistic.
      training: { epochs: 4, batchSize: 150 },
      strategy: { swa: { startEpoch: 2, swaLr: 0.01, annealEpochs: 0 } },
    });
    const run = await runTrainer({ spec });
    const weights = await weightsOf(checkpointPath(run, 'swa'));
    const resolved = resolve(spec);
    const data = await loadDataset(resolved.data, resolved.split, { resourcesDir: RESOURCES_DIR });
    const kernel = weights['l00_dense/kernel'] as Float32Array;
    const bias = weights['l00_dense/bias'] as Float32Array;
    const n = data.train.count;
    for (let unit = 0; unit < 8; unit++) {
      const z = Array.from({ length: n }, (_, row) => {
        let sum = bias[unit] as number;
        for (let f = 0; f < 4; f++)
          sum += (data.train.x[row * 4 + f] as number) * (kernel[f * 8 + unit] as number);
        return sum;
      });
      const mean = z.reduce((a, b) => a + b, 0) / n;
      const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
      expect(weights['l01_batchNorm/moving_mean']?.[unit]).toBeCloseTo(mean, 4);
      expect(weights['l01_batchNorm/moving_variance']?.[unit]).toBeCloseTo(variance, 4);
    }
  });
});

describe('snapshot ensembles in a forked trainer', () => {
  it('takes a snapshot at the learning-rate minimum of every cycle and scores ensembles of 1 … M members', async () => {
    const run = await runTrainer({
      spec: spiralsSpec({
        training: { epochs: 12 },
        strategy: { snapshot: { cycles: 3, initialLr: 0.03 } },
      }),
    });
    const snapshots = run.messages.flatMap((m) =>
      m.type === 'checkpoint' && m.kind === 'snapshot' ? [m] : [],
    );
    expect(snapshots.map((s) => s.epoch)).toEqual([4, 8, 12]);
    // The cosine steps per batch (the default): each epoch reports its last batch's rate, which
    // falls through the cycle to ~0 at the snapshot, as Huang et al. anneal.
    for (const snapshot of snapshots) {
      const cycle = run.epochs.slice(snapshot.epoch - 4, snapshot.epoch).map((e) => e.learningRate);
      cycle.slice(1).forEach((lr, i) => expect(lr).toBeLessThan(cycle[i]!));
      expect(cycle[0]).toBeLessThan(0.03);
      expect(cycle.at(-1)).toBeLessThan(0.03 * 0.01);
    }
    const ensemble = run.messages.find((m) => m.type === 'ensemble');
    if (ensemble?.type !== 'ensemble') throw new Error('no ensemble message');
    expect(ensemble.members.map((m) => m.epoch)).toEqual([4, 8, 12]);
    expect(ensemble.rule).toBe('mean-probability');
    expect(ensemble.byMemberCount.map((e) => e.members)).toEqual([1, 2, 3]);
    // One member is the last snapshot by itself: every metric, loss included, as its epoch scored it.
    expect(ensemble.byMemberCount[0]?.metrics).toEqual(snapshots[2]?.metrics);
    expect(ensemble.metrics).toEqual(ensemble.byMemberCount[2]?.metrics);
    const description = JSON.parse(readFileSync(join(ensemble.path, 'ensemble.json'), 'utf8'));
    expect(description.members).toEqual([
      { folder: 'member-01', epoch: 4 },
      { folder: 'member-02', epoch: 8 },
      { folder: 'member-03', epoch: 12 },
    ]);
    expect(Object.keys(await weightsOf(ensemble.members[0]?.path ?? ''))).toContain(
      'l00_dense/kernel',
    );
  });

  it('chooses among best epoch, SWA and the ensemble by validation, then scores only the choice on test', async () => {
    const run = await runTrainer({
      spec: spiralsSpec({
        training: { epochs: 16 },
        strategy: {
          snapshot: { cycles: 3, initialLr: 0.03 },
          swa: { startEpoch: 12, swaLr: 0.005, annealEpochs: 1 },
        },
      }),
    });
    const { done } = run;
    expect(done.candidates.map((c) => c.kind)).toEqual(['best-epoch', 'swa', 'snapshot-ensemble']);
    const losses = done.candidates.map((c) => c.metrics['val.loss'] as number);
    expect(done.selected.metrics['val.loss']).toBe(Math.min(...losses));
    // The best-epoch candidate is scored again after training, exactly as its epoch scored it.
    const best = run.messages.findLast((m) => m.type === 'checkpoint' && m.kind === 'best');
    expect(done.candidates[0]?.metrics).toEqual(best?.type === 'checkpoint' ? best.metrics : null);
    expect(Object.keys(done.testMetrics).every((key) => key.startsWith('test.'))).toBe(true);
    expect(done.testMetrics['test.accuracy']).toBeGreaterThanOrEqual(0.7);
    const snapshots = run.messages.filter((m) => m.type === 'checkpoint' && m.kind === 'snapshot');
    expect(snapshots.map((m) => (m.type === 'checkpoint' ? m.epoch : 0))).toEqual([4, 8, 12]);
  });
});

describe('early stopping and reduce-on-plateau in a forked trainer', () => {
  it('stops after the patience runs out and ends on the best epoch’s weights, cutting the rate on plateaus', async () => {
    const run = await runTrainer({
      spec: irisSpec({
        optimization: {
          optimizer: { kind: 'adam', learningRate: 0.05 },
          schedule: { kind: 'reduceOnPlateau', patience: 1, factor: 0.5, monitor: 'val.loss' },
        },
        training: {
          epochs: 200,
          earlyStopping: { monitor: 'val.loss', patience: 6, restoreBest: true },
        },
      }),
    });
    const { done } = run;
    expect(done.stoppedEarly).toBe(true);
    expect(done.epochsCompleted).toBeLessThan(200);
    const rates = run.epochs.map((e) => e.learningRate);
    expect(rates.some((rate, i) => i > 0 && rate < (rates[i - 1] as number))).toBe(true);
    const final = readFileSync(join(checkpointPath(run, 'final'), 'weights.bin'));
    const best = readFileSync(join(checkpointPath(run, 'best'), 'weights.bin'));
    expect(final.equals(best)).toBe(true);
  });
});
