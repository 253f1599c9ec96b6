/**
 * Seeds a data folder for the Compare-view benchmark through the store API: one experiment of
 * `runs` finished restarts, each with `steps` recorded steps of training and validation loss.
 */
import { expandRuns, resolve } from '@shared/experiment';
import type { MetricPoint } from '../src-main/store/metrics-repository';
import { openStore } from '../src-main/store/open-store';
import { exampleSpec } from '../src-main/store/testing/seed';

const KEYS = ['train.loss', 'val.loss'] as const;
const STEPS_PER_EPOCH = 100;
const STEPS_PER_BATCH = 250;

/** A loss curve that falls like a real one, with noise and an offset per run so lines differ. */
function loss(key: (typeof KEYS)[number], step: number, runId: number): number {
  const fall = 1 / (1 + step / 600);
  const noise = 0.03 * Math.sin(step * 0.37 + runId) + 0.01 * Math.sin(step * 3.1 + 2 * runId);
  return fall + noise + (key === 'val.loss' ? 0.08 : 0) + 0.002 * (runId % 50);
}

export default function seed(
  dataDir: string,
  runs: number,
  steps: number,
): { experimentId: number; points: number } {
  const store = openStore(dataDir);
  try {
    const spec = exampleSpec('Compare benchmark', runs);
    const experiment = store.experiments.create(spec);
    const queued = store.runs.createQueued(
      experiment.id,
      experiment.specVersion,
      expandRuns(resolve(spec)),
    );
    const runIds = queued.map(
      (run) => store.runs.start(run.id, { backend: 'wasm', device: 'cpu:0' }).id,
    );
    const startedAt = Date.now();
    let points = 0;
    for (const runId of runIds) {
      for (let from = 0; from < steps; from += STEPS_PER_BATCH) {
        const batch: MetricPoint[] = [];
        for (let step = from; step < Math.min(steps, from + STEPS_PER_BATCH); step++) {
          for (const key of KEYS) {
            batch.push({
              runId,
              key,
              step,
              epoch: Math.floor(step / STEPS_PER_EPOCH) + 1,
              value: loss(key, step, runId),
              wallTime: startedAt + step * 20,
            });
          }
        }
        store.metrics.ingest(batch);
        points += batch.length;
      }
      store.runs.finish(runId, 'succeeded');
    }
    return { experimentId: experiment.id, points };
  } finally {
    store.close();
  }
}
