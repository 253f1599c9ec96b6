/**
 * Seeds a data folder for the Runs-table benchmark and its e2e spec through the store API: `runs`
 * finished runs over ten experiments that differ in learning rate, on two backends, most
 * succeeded and every seventh failed, each with a few epochs of validation loss and accuracy.
 */
import { expandRuns, resolve } from '@shared/experiment';
import type { MetricPoint } from '../src-main/store/metrics-repository';
import { openStore } from '../src-main/store/open-store';
import { exampleSpec } from '../src-main/store/testing/seed';

const EXPERIMENTS = 10;
const EPOCHS = 5;

/** The learning rate of experiment `e` (0-based): 0.001, 0.002, ... */
export function learningRateOf(e: number): number {
  return Number(((e + 1) / 1000).toFixed(3));
}

export default function seed(dataDir: string, runs: number): { runIds: number[] } {
  const store = openStore(dataDir);
  try {
    const runIds: number[] = [];
    store.db.transaction(() => {
      for (let e = 0; e < EXPERIMENTS; e++) {
        const base = exampleSpec(`Runs table ${e + 1}`, Math.ceil(runs / EXPERIMENTS));
        const spec = {
          ...base,
          optimization: {
            ...base.optimization,
            optimizer: { kind: 'adam' as const, learningRate: learningRateOf(e) },
          },
        } as typeof base;
        const experiment = store.experiments.create(spec);
        const planned = expandRuns(resolve(spec)).slice(0, runs - runIds.length);
        for (const run of store.runs.createQueued(experiment.id, experiment.specVersion, planned))
          runIds.push(run.id);
      }
      for (const runId of runIds) {
        const backend = runId % 2 === 0 ? 'wasm' : 'tensorflow';
        store.runs.start(runId, { backend, device: `cpu:${runId % 4}` });
        const points: MetricPoint[] = [];
        for (let epoch = 1; epoch <= EPOCHS; epoch++) {
          const loss = 0.2 + ((runId * 7919) % 1000) / 2000 + 0.05 / epoch;
          points.push(
            { runId, key: 'val.loss', step: epoch - 1, epoch, value: loss, wallTime: epoch },
            {
              runId,
              key: 'val.accuracy',
              step: epoch - 1,
              epoch,
              value: 1 - loss,
              wallTime: epoch,
            },
          );
        }
        store.metrics.ingest(points);
        if (runId % 7 === 0)
          store.runs.finish(runId, 'failed', { error: `Seeded failure ${runId}` });
        else store.runs.finish(runId, 'succeeded');
      }
    })();
    return { runIds };
  } finally {
    store.close();
  }
}
