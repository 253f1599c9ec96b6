import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../open-store';
import { exampleSpec, seedExperiment } from '../testing/seed';
import { useTempDirs } from '../testing/temp-dir';
import { METRICS_CSV_HEADER } from './metrics-csv';

const tempDir = useTempDirs();
const T0 = Date.UTC(2025, 0, 1);

function recorded() {
  const store = openStore(tempDir());
  const { experiment, runs } = seedExperiment(store, exampleSpec('csv', 2));
  const [a, b] = runs.map((run) => run.id) as [number, number];
  store.metrics.ingest([
    { runId: a, key: 'val.loss', step: 0, epoch: 1, value: 0.5, wallTime: T0 },
    { runId: a, key: 'val.loss', step: 10, epoch: 2, value: Number.NaN, wallTime: T0 + 1500 },
    { runId: a, key: 'train.loss', step: 10, epoch: 2, value: 0.1 + 0.2, wallTime: T0 + 1500 },
    { runId: b, key: 'val.loss', step: 0, epoch: 1, value: Number.POSITIVE_INFINITY, wallTime: T0 },
  ]);
  return { store, experimentId: experiment.id, a, b, seeds: runs.map((run) => run.seed) };
}

describe('metrics CSV export', () => {
  it('writes a run in long form with every digit, NaN as an empty cell', () => {
    const { store, a, seeds } = recorded();
    expect(store.queries.metricsCsv({ kind: 'run', id: a })).toBe(
      METRICS_CSV_HEADER +
        `${a},1,,${seeds[0]},val.loss,0,1,0.5,2025-01-01T00:00:00.000Z\n` +
        `${a},1,,${seeds[0]},val.loss,10,2,,2025-01-01T00:00:01.500Z\n` +
        `${a},1,,${seeds[0]},train.loss,10,2,0.30000000000000004,2025-01-01T00:00:01.500Z\n`,
    );
    store.close();
  });

  it('writes an experiment to a file atomically and counts its rows', async () => {
    const { store, experimentId, b } = recorded();
    const target = path.join(tempDir(), 'metrics.csv');
    expect(
      await store.queries.writeMetricsCsv({ kind: 'experiment', id: experimentId }, target),
    ).toEqual({ path: target, rows: 4 });
    const lines = fs.readFileSync(target, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(new RegExp(`^${b},2,,\\d+,val.loss,0,1,Infinity,`));
    expect(fs.readdirSync(path.dirname(target))).toEqual(['metrics.csv']);
    store.close();
  });

  it('names a source that does not exist and leaves no file behind', async () => {
    const { store } = recorded();
    const dir = tempDir();
    await expect(
      store.queries.writeMetricsCsv({ kind: 'experiment', id: 999 }, path.join(dir, 'x.csv')),
    ).rejects.toThrow('There is no experiment 999.');
    expect(() => store.queries.metricsCsv({ kind: 'run', id: 999 })).toThrow(
      'There is no run 999.',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    store.close();
  });
});
