/**
 * How long a trainer takes from spawn to its first training batch (see trainer-bench.ts,
 * `--startup`): the MLP of the throughput benchmark for one epoch, `rounds` times. The first batch
 * starts when the first epoch's message arrives less that epoch's own wall time (batches plus the
 * epoch-end scoring), so the figure covers process start, TF.js and wasm set-up, data loading,
 * model building and the ready message.
 */
import { performance } from 'node:perf_hooks';
import { writeFashionMnistSubset } from '../src-main/trainer/testing/fashion-mnist-subset';
import { runTrainer } from '../src-main/trainer/testing/trainer-harness';
import { LAYERS } from './trainer-throughput';

export interface StartupTimes {
  /** Milliseconds from spawn to the ready message, per round. */
  ready: number[];
  /** Milliseconds from spawn to the first training batch, per round. */
  firstBatch: number[];
}

export async function measureStartup(rounds: number, samples: number): Promise<StartupTimes> {
  const folder = writeFashionMnistSubset(samples, 500);
  const times: StartupTimes = { ready: [], firstBatch: [] };
  for (let round = 0; round < rounds; round++) {
    const arrived = new Map<string, number>();
    const spawned = performance.now();
    const run = await runTrainer({
      spec: {
        schemaVersion: 1,
        name: 'start-up',
        data: { source: { kind: 'builtin', dataset: 'fashion-mnist' } },
        split: { kind: 'holdout', train: 0.9, validation: 0.1, test: 0, seed: 0 },
        model: { layers: LAYERS.mlp },
        optimization: { optimizer: { kind: 'adam', learningRate: 1e-3 } },
        training: { epochs: 1, batchSize: 128, seed: 0 },
      },
      fashionMnistDir: folder,
      cancelWhen: (message) => {
        if (!arrived.has(message.type)) arrived.set(message.type, performance.now());
        return false;
      },
    });
    const epoch = run.epochs[0];
    const ready = arrived.get('ready');
    const epochArrived = arrived.get('epoch');
    if (epoch === undefined || ready === undefined || epochArrived === undefined) {
      throw new Error('the start-up run reported no ready or epoch message');
    }
    times.ready.push(ready - spawned);
    times.firstBatch.push(epochArrived - epoch.wallTimeMs - spawned);
  }
  return times;
}
