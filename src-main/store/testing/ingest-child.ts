import fs from 'node:fs';
import { openStore } from '../open-store';

export const POINTS_PER_BATCH = 2_000;

/**
 * A lab process for the crash test: ingests batches of metrics for `runId` into the store in
 * `dataDir` without end, printing `committed <batch>` after each transaction commits.
 */
export function main(dataDir: string, runId: number): void {
  const store = openStore(dataDir);
  const keys = ['train.loss', 'val.loss'];
  for (let batch = 0; ; batch++) {
    const points = Array.from({ length: POINTS_PER_BATCH }, (_, i) => {
      const step = batch * (POINTS_PER_BATCH / keys.length) + Math.floor(i / keys.length);
      return {
        runId,
        key: keys[i % keys.length]!,
        step,
        epoch: step,
        value: 1 / (1 + step),
        wallTime: Date.now(),
      };
    });
    store.metrics.ingest(points);
    fs.writeSync(1, `committed ${batch}\n`);
  }
}
