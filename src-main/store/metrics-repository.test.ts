import { describe, expect, it } from 'vitest';
import { decodeColumns } from './curves/blob-codec';
import { BLOCK_FANOUT, BLOCK_POINTS } from './curves/block-layout';
import type { MetricPoint } from './metrics-repository';
import { openStore, type Store } from './open-store';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();

function withRuns(count: number): { store: Store; runIds: number[] } {
  const store = openStore(tempDir());
  const { runs } = seedExperiment(store, exampleSpec('metrics', count));
  return { store, runIds: runs.map((run) => run.id) };
}

function points(
  runId: number,
  key: string,
  values: readonly number[],
  firstStep = 1,
): MetricPoint[] {
  return values.map((value, i) => ({
    runId,
    key,
    step: firstStep + i,
    epoch: firstStep + i,
    value,
    wallTime: 1000 * (firstStep + i),
  }));
}

function summaryOf(store: Store, runId: number, key: string) {
  return store.db
    .prepare(
      `SELECT best_value, best_step, best_epoch, last_value, last_step, last_epoch FROM run_metric_summary s
       JOIN metric_keys k ON k.id = s.key_id WHERE s.run_id = ? AND k.name = ?`,
    )
    .get(runId, key);
}

interface BlockRow {
  level: number;
  point_count: number;
  first_step: number;
  last_step: number;
  point_data: Buffer;
  time_data: Buffer;
}

/** Checks every invariant of the block pyramid of one curve against its metric rows. */
function expectConsistentPyramid(store: Store, runId: number, key: string): void {
  const keyId = store.metricKeys.find(key)!.id;
  const raw = store.db
    .prepare<[number, number], { step: number; value: number | null }>(
      'SELECT step, value FROM metrics WHERE run_id = ? AND key_id = ? ORDER BY step',
    )
    .all(runId, keyId);
  const blocks = store.db
    .prepare<[number, number], BlockRow>(
      'SELECT * FROM curve_blocks JOIN curve_block_times ON block_id = id WHERE run_id = ? AND key_id = ? ORDER BY level, first_step',
    )
    .all(runId, keyId);
  const levels: BlockRow[][] = [];
  for (const block of blocks) (levels[block.level] ??= []).push(block);
  const levelZero = levels[0] ?? [];
  expect(levelZero.length).toBe(Math.floor(raw.length / BLOCK_POINTS));
  levelZero.forEach((block, b) => {
    const expected = raw.slice(b * BLOCK_POINTS, (b + 1) * BLOCK_POINTS);
    const decoded = decodeColumns(block.point_data, block.time_data);
    expect([...decoded.step]).toEqual(expected.map((row) => row.step));
    expect([...decoded.value]).toEqual(expected.map((row) => row.value ?? Number.NaN));
  });
  for (let level = 1; level < levels.length; level++) {
    const children = levels[level - 1]!;
    const parents = levels[level]!;
    expect(parents.length).toBe(Math.floor(children.length / BLOCK_FANOUT));
    parents.forEach((parent, p) => {
      const covered = children.slice(p * BLOCK_FANOUT, (p + 1) * BLOCK_FANOUT);
      expect([parent.first_step, parent.last_step]).toEqual([
        covered[0]!.first_step,
        covered.at(-1)!.last_step,
      ]);
      const kept = decodeColumns(parent.point_data, parent.time_data);
      expect(kept.step.length).toBeLessThanOrEqual(BLOCK_POINTS);
      const inRange = raw.filter(
        (row) =>
          row.step >= parent.first_step && row.step <= parent.last_step && row.value !== null,
      );
      const values = inRange.map((row) => row.value!);
      expect(Math.min(...kept.value)).toBe(Math.min(...values));
      expect(Math.max(...kept.value)).toBe(Math.max(...values));
      const byStep = new Map(inRange.map((row) => [row.step, row.value]));
      kept.step.forEach((step, i) => expect(byStep.get(step)).toBe(kept.value[i]));
    });
  }
}

describe('metrics ingest', () => {
  it('keeps best and last per run and key, in the direction of each metric', () => {
    const { store, runIds } = withRuns(1);
    const [run] = runIds as [number];
    store.metrics.ingest([
      ...points(run, 'val.loss', [0.9, 0.4, 0.6]),
      ...points(run, 'val.accuracy', [0.5, 0.8, 0.7]),
    ]);
    store.metrics.ingest([
      ...points(run, 'val.loss', [0.4, 0.5], 4),
      ...points(run, 'optimizer.lr', [0.01, 0.001]),
    ]);
    expect(summaryOf(store, run, 'val.loss')).toEqual({
      best_value: 0.4,
      best_step: 2,
      best_epoch: 2,
      last_value: 0.5,
      last_step: 5,
      last_epoch: 5,
    });
    expect(summaryOf(store, run, 'val.accuracy')).toEqual({
      best_value: 0.8,
      best_step: 2,
      best_epoch: 2,
      last_value: 0.7,
      last_step: 3,
      last_epoch: 3,
    });
    expect(summaryOf(store, run, 'optimizer.lr')).toEqual({
      best_value: null,
      best_step: null,
      best_epoch: null,
      last_value: 0.001,
      last_step: 2,
      last_epoch: 2,
    });
    store.close();
  });

  it('stores NaN as a missing value that never becomes the best', () => {
    const { store, runIds } = withRuns(1);
    const [run] = runIds as [number];
    store.metrics.ingest(points(run, 'train.loss', [Number.NaN, 2, Number.NaN]));
    expect(summaryOf(store, run, 'train.loss')).toMatchObject({
      best_value: 2,
      best_step: 2,
      last_value: null,
      last_step: 3,
    });
    store.close();
  });

  it('rejects a batch whose steps do not increase, and stores none of it', () => {
    const { store, runIds } = withRuns(1);
    const [run] = runIds as [number];
    store.metrics.ingest(points(run, 'val.loss', [1, 2, 3]));
    expect(() =>
      store.metrics.ingest([
        ...points(run, 'val.accuracy', [0.5]),
        ...points(run, 'val.loss', [4], 2),
      ]),
    ).toThrow(
      `Metrics for run ${run} ("val.loss"): step 2 is not after the stored step 3; steps must increase`,
    );
    expect(() =>
      store.metrics.ingest([
        ...points(run, 'val.loss', [4], 9),
        ...points(run, 'val.loss', [4], 8),
      ]),
    ).toThrow(
      `metric point 1 (run ${run}, key "val.loss"): step 8 comes after step 9; steps must increase`,
    );
    expect(store.db.prepare('SELECT count(*) FROM metrics').pluck().get()).toBe(3);
    store.close();
  });

  it('names the point and field of bad input', () => {
    const { store, runIds } = withRuns(1);
    const [run] = runIds as [number];
    const bad = { runId: run, key: 'val.loss', step: 1.5, epoch: 1, value: 1, wallTime: 0 };
    expect(() => store.metrics.ingest([bad])).toThrow(
      `metric point 0 (run ${run}, key "val.loss"): step must be a whole number ≥ 0, received 1.5`,
    );
    expect(() => store.metrics.ingest([{ ...bad, step: 1, runId: 777 }])).toThrow(
      'Metrics for run 777: there is no such run',
    );
    store.close();
  });

  it('builds the block pyramid as points arrive in batches of any size', () => {
    const { store, runIds } = withRuns(2);
    const [a, b] = runIds as [number, number];
    const total = BLOCK_POINTS * BLOCK_FANOUT * BLOCK_FANOUT + 3 * BLOCK_POINTS * BLOCK_FANOUT + 77;
    const wave = (i: number) => Math.sin(i / 37) + ((i * 7919) % 13) / 13 + (i === 4321 ? 50 : 0);
    let step = 0;
    let batch = 1;
    while (step < total) {
      const size = Math.min(total - step, (batch++ * 389) % 1500);
      const values = Array.from({ length: size }, (_, i) =>
        (step + i) % 1000 === 999 ? Number.NaN : wave(step + i),
      );
      store.metrics.ingest([
        ...points(a, 'train.loss', values, step),
        ...points(b, 'train.loss', values.slice(0, 5), step),
      ]);
      step += size;
    }
    const levels = store.db
      .prepare('SELECT level, count(*) AS n FROM curve_blocks WHERE run_id = ? GROUP BY level')
      .all(a);
    const expected = [{ level: 0, n: Math.floor(total / BLOCK_POINTS) }];
    while (expected.at(-1)!.n >= BLOCK_FANOUT)
      expected.push({ level: expected.length, n: Math.floor(expected.at(-1)!.n / BLOCK_FANOUT) });
    expect(levels).toEqual(expected);
    expect(expected.length).toBeGreaterThan(2);
    expectConsistentPyramid(store, a, 'train.loss');
    expectConsistentPyramid(store, b, 'train.loss');
    store.close();
  });

  it('truncates a run after a step, rebuilding summaries and blocks from what remains', () => {
    const { store, runIds } = withRuns(1);
    const [run] = runIds as [number];
    const values = Array.from({ length: 3000 }, (_, i) => 10 - i / 1000 + (i === 2000 ? -20 : 0));
    const accuracy = values.map((_, i) => (i === 700 ? 0.9 : i === 2500 ? 0.99 : 0.5));
    store.metrics.ingest([
      ...points(run, 'val.loss', values),
      ...points(run, 'val.accuracy', accuracy),
    ]);
    store.metrics.truncateAfter(run, 1500);
    expect(summaryOf(store, run, 'val.loss')).toEqual({
      best_value: 10 - 1499 / 1000,
      best_step: 1500,
      best_epoch: 1500,
      last_value: 10 - 1499 / 1000,
      last_step: 1500,
      last_epoch: 1500,
    });
    expect(
      store.db
        .prepare('SELECT point_count FROM run_metric_summary WHERE run_id = ?')
        .pluck()
        .all(run),
    ).toEqual([1500, 1500]);
    expect(summaryOf(store, run, 'val.accuracy')).toMatchObject({
      best_value: 0.9,
      best_step: 701,
      last_step: 1500,
    });
    expectConsistentPyramid(store, run, 'val.loss');
    expectConsistentPyramid(store, run, 'val.accuracy');
    store.metrics.ingest(points(run, 'val.loss', [0.1, 0.2], 1501));
    expect(summaryOf(store, run, 'val.loss')).toMatchObject({
      best_value: 0.1,
      best_step: 1501,
      last_step: 1502,
    });
    expectConsistentPyramid(store, run, 'val.loss');
    store.close();
  });

  it('starts a retried run over and recovers from a rolled-back batch', () => {
    const { store, runIds } = withRuns(1);
    const [run] = runIds as [number];
    const ramp = (length: number, offset = 0) => Array.from({ length }, (_, i) => i + offset);
    store.metrics.ingest(points(run, 'val.loss', ramp(300)));
    store.runs.start(run, { backend: 'cpu', device: 'cpu:0' });
    store.runs.finish(run, 'failed', { error: 'boom' });
    store.runs.requeue(run, 'retry');
    store.metrics.ingest(points(run, 'val.loss', ramp(200, 1000)));
    expect(summaryOf(store, run, 'val.loss')).toMatchObject({
      best_value: 1000,
      best_step: 1,
      last_step: 200,
    });
    expectConsistentPyramid(store, run, 'val.loss');
    // A failure late in the transaction, after the first curve cut a block: all of it rolls back.
    store.db
      .exec(`CREATE TEMP TRIGGER fail AFTER INSERT ON run_metric_summary WHEN NEW.last_value = -1
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const doomed = [
      ...points(run, 'val.loss', ramp(100, 2000), 201),
      ...points(run, 'val.accuracy', [-1]),
    ];
    expect(() => store.metrics.ingest(doomed)).toThrow('disk on fire');
    store.metrics.ingest([
      ...points(run, 'val.loss', ramp(100, 3000), 201),
      ...points(run, 'val.accuracy', [0.5]),
    ]);
    expect(summaryOf(store, run, 'val.loss')).toMatchObject({ last_value: 3099, last_step: 300 });
    expectConsistentPyramid(store, run, 'val.loss');
    store.close();
  });
});
