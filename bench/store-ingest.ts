/**
 * Sustained metric ingest through the real path (epoch messages → MetricWriter → one transaction
 * per flush, with summaries and curve blocks), against raw prepared-statement inserts of the same
 * rows into the same table. Run with `npm run bench:store`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandRuns, resolve } from '@shared/experiment';
import { createMetricWriter, DEFAULT_FLUSH_POINTS } from '../src-main/store/metric-writer';
import { openStore, type Store } from '../src-main/store/open-store';
import { exampleSpec } from '../src-main/store/testing/seed';
import { formatCount, printTable } from './store-table';

const RUNS = 100;
const KEYS = ['train.loss', 'train.accuracy', 'val.loss', 'val.accuracy'];
const STEPS_PER_RUN = 2_500;
const POINTS = RUNS * KEYS.length * STEPS_PER_RUN;

function queueRuns(store: Store, name: string): number[] {
  const spec = exampleSpec(name, RUNS);
  const experiment = store.experiments.create(spec);
  return store.runs
    .createQueued(experiment.id, experiment.specVersion, expandRuns(resolve(spec)))
    .map((run) => run.id);
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

/** Wall-clock and CPU time of `run`: the CPU time tells what a shared machine's load hides. */
function timed(run: () => void): Timing {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  run();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** Every run reports one epoch in turn, as concurrent trainers would. */
function realPath(store: Store, runIds: readonly number[]): Timing {
  const writer = createMetricWriter(store.metrics, {
    onError: (error) => {
      throw error;
    },
  });
  return timed(() => {
    for (let step = 0; step < STEPS_PER_RUN; step++) {
      for (const runId of runIds) {
        const values: Record<string, number> = {};
        for (const key of KEYS) values[key] = Math.random();
        writer.addEpoch(runId, { step, epoch: step + 1, wallTime: Date.now(), values });
      }
    }
    writer.flush();
  });
}

function rawInserts(store: Store, runIds: readonly number[]): Timing {
  const keyIds = KEYS.map((key) => store.metricKeys.ensure(key).id);
  const insert = store.db.prepare(
    'INSERT INTO metrics (run_id, key_id, step, epoch, value, wall_time) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const batch = store.db.transaction((rows: readonly (readonly number[])[]) => {
    for (const row of rows) insert.run(row);
  });
  return timed(() => {
    let rows: number[][] = [];
    for (let step = 0; step < STEPS_PER_RUN; step++) {
      for (const runId of runIds) {
        for (const keyId of keyIds) {
          rows.push([runId, keyId, step, step + 1, Math.random(), Date.now()]);
          if (rows.length === DEFAULT_FLUSH_POINTS) {
            batch(rows);
            rows = [];
          }
        }
      }
    }
    batch(rows);
  });
}

export default async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basin-bench-ingest-'));
  try {
    const store = openStore(dir);
    const real = realPath(store, queueRuns(store, 'real path'));
    const raw = rawInserts(store, queueRuns(store, 'baseline'));
    store.close();
    const row = (name: string, { seconds, cpuSeconds }: Timing) => [
      name,
      formatCount(POINTS),
      seconds.toFixed(2),
      formatCount(POINTS / seconds),
      formatCount(POINTS / cpuSeconds),
    ];
    printTable(
      `Metric ingest: ${RUNS} runs × ${KEYS.length} keys × ${formatCount(STEPS_PER_RUN)} steps (target ≥ 200,000 points/s)`,
      ['path', 'points', 'seconds', 'points/s', 'points/CPU-s'],
      [
        row('MetricWriter → ingest (summary + curve blocks)', real),
        row(`raw prepared INSERT, ${formatCount(DEFAULT_FLUSH_POINTS)} rows per transaction`, raw),
      ],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
