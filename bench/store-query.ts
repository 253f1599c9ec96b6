/**
 * Query speed on a realistic record: curves of 100 runs × 10,000 steps × 4 metrics downsampled to
 * 1,000 points, a zoom into a tenth of them, and the run table of 1,000 runs. Run with
 * `npm run bench:store`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandRuns, resolve } from '@shared/experiment';
import type { MetricPoint } from '../src-main/store/metrics-repository';
import { openStore, type Store } from '../src-main/store/open-store';
import { exampleSpec } from '../src-main/store/testing/seed';
import { median, formatCount, printTable } from './store-table';

const KEYS = ['train.loss', 'train.accuracy', 'val.loss', 'val.accuracy'];
const CURVE_RUNS = 100;
const CURVE_STEPS = 10_000;
const TABLE_RUNS = 1_000;
const SHORT_RUN_EPOCHS = 20;
const REPEATS = 15;

function startRuns(store: Store, name: string, count: number): number[] {
  const spec = exampleSpec(name, count);
  const experiment = store.experiments.create(spec);
  const runs = store.runs.createQueued(
    experiment.id,
    experiment.specVersion,
    expandRuns(resolve(spec)),
  );
  return runs.map((run) => store.runs.start(run.id, { backend: 'wasm', device: 'cpu:0' }).id);
}

function value(key: string, step: number, runId: number): number {
  const progress = 1 / (1 + step / 800) + 0.02 * Math.sin(step * 0.37 + runId);
  return key.endsWith('loss') ? progress : 1 - progress / 2;
}

function ingestCurves(
  store: Store,
  runIds: readonly number[],
  steps: number,
  stepsPerBatch: number,
): void {
  for (let from = 0; from < steps; from += stepsPerBatch) {
    const batch: MetricPoint[] = [];
    for (const runId of runIds) {
      for (const key of KEYS) {
        for (let step = from; step < Math.min(steps, from + stepsPerBatch); step++) {
          batch.push({
            runId,
            key,
            step,
            epoch: Math.floor(step / 100) + 1,
            value: value(key, step, runId),
            wallTime: Date.now(),
          });
        }
      }
    }
    store.metrics.ingest(batch);
  }
}

/** Wall-clock and CPU milliseconds of each repeat after a warm-up: the machine may be shared. */
function time(run: () => unknown): { wall: number[]; cpu: number[] } {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    run();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

export default async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basin-bench-query-'));
  try {
    const store = openStore(dir);
    const curveRuns = startRuns(store, 'long curves', CURVE_RUNS);
    ingestCurves(store, curveRuns, CURVE_STEPS, 100);
    for (let e = 0; e < (TABLE_RUNS - CURVE_RUNS) / 100; e++) {
      const runIds = startRuns(store, `short runs ${e}`, 100);
      ingestCurves(store, runIds, SHORT_RUN_EPOCHS, SHORT_RUN_EPOCHS);
      runIds.forEach((id, i) =>
        store.runs.finish(id, i % 10 === 0 ? 'failed' : 'succeeded', {
          error: i % 10 === 0 ? 'diverged at epoch 3' : null,
        }),
      );
    }

    let points = 0;
    const curves = (range?: { from: number; to: number }) => () => {
      const result = store.queries.curves({
        runIds: curveRuns,
        keys: KEYS,
        x: 'step',
        resolution: 1000,
        range,
      });
      points = result.reduce((total, curve) => total + curve.x.length, 0);
    };
    let rows = 0;
    const runTable =
      (sort?: { by: 'metric'; metric: string; which: 'best'; direction: 'desc' }) => () => {
        rows = store.queries.runTable({ limit: TABLE_RUNS, offset: 0, sort }).runs.length;
      };

    const results: string[][] = [];
    const measure = (name: string, target: string, run: () => void, count: () => string) => {
      const { wall, cpu } = time(run);
      results.push([
        name,
        count(),
        median(wall).toFixed(1),
        Math.min(...wall).toFixed(1),
        median(cpu).toFixed(1),
        target,
      ]);
    };
    measure(
      `curves: ${CURVE_RUNS} runs × ${KEYS.length} keys × ${formatCount(CURVE_STEPS)} steps → 1,000 points`,
      '< 50',
      curves(),
      () => `${formatCount(points)} points`,
    );
    measure(
      'curves: zoom to steps 4,000–5,000 (full resolution)',
      '',
      curves({ from: 4000, to: 5000 }),
      () => `${formatCount(points)} points`,
    );
    measure(
      `run table: ${formatCount(TABLE_RUNS)} runs, queue order`,
      '< 20',
      runTable(),
      () => `${formatCount(rows)} rows`,
    );
    measure(
      `run table: ${formatCount(TABLE_RUNS)} runs, by best val.accuracy`,
      '< 20',
      runTable({ by: 'metric', metric: 'val.accuracy', which: 'best', direction: 'desc' }),
      () => `${formatCount(rows)} rows`,
    );
    store.close();
    printTable(
      `Store queries, ${REPEATS} repeats after a warm-up (database: ${formatCount((CURVE_RUNS * CURVE_STEPS + (TABLE_RUNS - CURVE_RUNS) * SHORT_RUN_EPOCHS) * KEYS.length)} metric points)`,
      ['query', 'result', 'median ms', 'min ms', 'median CPU ms', 'target ms'],
      results,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
