import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../open-store';
import { exampleSpec, seedExperiment } from '../testing/seed';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

/** Two experiments; runs of the first finish with known val.loss curves, one fails, one runs. */
function seeded(): {
  store: Store;
  now: { ms: number };
  first: number[];
  second: number[];
  experiments: [number, number];
} {
  const now = { ms: Date.UTC(2025, 0, 1) };
  const store = openStore(tempDir(), { clock: () => now.ms });
  const a = seedExperiment(store, exampleSpec('Alpha', 3));
  const b = seedExperiment(store, { ...exampleSpec('Beta', 2), tags: ['baseline'] });
  const first = a.runs.map((run) => run.id);
  const curves = [[0.9, 0.5, 0.7], [0.8, 0.6, 0.4], [0.7]];
  first.forEach((id, r) => {
    store.runs.start(id, { backend: 'wasm', device: `cpu:${r}` });
    store.metrics.ingest(
      curves[r]!.map((value, e) => ({
        runId: id,
        key: 'val.loss',
        step: e,
        epoch: e + 1,
        value,
        wallTime: now.ms,
      })),
    );
  });
  now.ms += 60_000;
  store.runs.finish(first[0]!, 'succeeded');
  store.runs.finish(first[1]!, 'failed', { error: 'Out of memory' });
  now.ms += 30_000;
  return {
    store,
    now,
    first,
    second: b.runs.map((run) => run.id),
    experiments: [a.experiment.id, b.experiment.id],
  };
}

describe('run table query', () => {
  it('gives every run its best, best epoch and last of each metric, duration and progress', () => {
    const { store, first, experiments } = seeded();
    const { runs, total } = store.queries.runTable({
      experimentId: experiments[0],
      limit: 500,
      offset: 0,
    });
    expect(total).toBe(3);
    expect(
      runs.map((run) => [run.id, run.status, run.durationMs, run.epoch, run.metrics['val.loss']]),
    ).toEqual([
      [first[0], 'succeeded', 60_000, 3, { best: 0.5, bestEpoch: 2, last: 0.7 }],
      [first[1], 'failed', 60_000, 3, { best: 0.4, bestEpoch: 3, last: 0.4 }],
      [first[2], 'running', 90_000, 1, { best: 0.7, bestEpoch: 1, last: 0.7 }],
    ]);
    expect(runs[1]).toMatchObject({
      experimentName: 'Alpha',
      error: 'Out of memory',
      epochs: 20,
      device: 'cpu:1',
      finishedAt: '2025-01-01T00:01:00.000Z',
    });
    store.close();
  });

  it('filters by status, tag and text', () => {
    const { store, first, second } = seeded();
    const ids = (query: Parameters<Store['queries']['runTable']>[0]) =>
      store.queries.runTable(query).runs.map((run) => run.id);
    expect(ids({ status: ['queued'], limit: 500, offset: 0 })).toEqual(second);
    expect(ids({ tag: 'baseline', limit: 500, offset: 0 })).toEqual(second);
    expect(ids({ text: 'MEMORY', limit: 500, offset: 0 })).toEqual([first[1]]);
    expect(ids({ runId: first[2], limit: 1, offset: 0 })).toEqual([first[2]]);
    expect(ids({ text: 'alph', status: ['running', 'succeeded'], limit: 500, offset: 0 })).toEqual([
      first[0],
      first[2],
    ]);
    store.close();
  });

  it('sorts by a metric with runs lacking it last, by duration, and pages', () => {
    const { store, first, second } = seeded();
    const ids = (query: Parameters<Store['queries']['runTable']>[0]) =>
      store.queries.runTable(query).runs.map((run) => run.id);
    const byLoss = (which: 'best' | 'last', direction: 'asc' | 'desc') =>
      ids({ sort: { by: 'metric', metric: 'val.loss', which, direction }, limit: 500, offset: 0 });
    expect(byLoss('best', 'asc')).toEqual([first[1], first[0], first[2], ...second]);
    expect(byLoss('last', 'desc')).toEqual([first[0], first[2], first[1], ...second]);
    expect(
      ids({ sort: { by: 'duration', which: 'best', direction: 'desc' }, limit: 2, offset: 0 }),
    ).toEqual([first[2], first[0]]);
    const page = store.queries.runTable({ limit: 2, offset: 2 });
    expect([page.runs.map((run) => run.id), page.total]).toEqual([[first[2], second[0]], 5]);
    store.close();
  });

  it('filters and sorts by experiment, backend, any setting and a metric bound, showing the setting', () => {
    const { store, first, second } = seeded();
    const spec = exampleSpec('Gamma', 1);
    const gamma = seedExperiment(store, {
      ...spec,
      optimization: {
        ...spec.optimization,
        optimizer: { kind: 'sgd', learningRate: 0.01 },
      },
    } as typeof spec).runs.map((run) => run.id);
    store.runs.start(gamma[0]!, { backend: 'tensorflow', device: 'gpu:0' });
    const table = (query: Parameters<Store['queries']['runTable']>[0]) =>
      store.queries.runTable(query);
    const ids = (query: Parameters<Store['queries']['runTable']>[0]) =>
      table(query).runs.map((run) => run.id);
    const page = { limit: 500, offset: 0 };
    const rate = 'optimization.optimizer.learningRate';

    expect(ids({ backend: 'tensorflow', ...page })).toEqual(gamma);
    expect(ids({ backend: 'wasm', ...page })).toEqual(first);
    expect(
      ids({ setting: { path: 'optimization.optimizer.kind', equals: '"sgd"' }, ...page }),
    ).toEqual(gamma);
    expect(ids({ setting: { path: rate, equals: '0.001' }, ...page })).toEqual([
      ...first,
      ...second,
    ]);
    expect(ids({ setting: { path: 'no.such.setting', equals: '1' }, ...page })).toEqual([]);
    expect(ids({ metric: { key: 'val.loss', which: 'best', atMost: 0.5 }, ...page })).toEqual([
      first[0],
      first[1],
    ]);
    expect(
      ids({ metric: { key: 'val.loss', which: 'last', atLeast: 0.6, atMost: 0.7 }, ...page }),
    ).toEqual([first[0], first[2]]);
    expect(ids({ metric: { key: 'never.recorded', which: 'best' }, ...page })).toEqual([]);

    const sorted = (by: 'experiment' | 'backend', direction: 'asc' | 'desc') =>
      ids({ sort: { by, which: 'best', direction }, ...page });
    expect(sorted('experiment', 'desc')).toEqual([...gamma, ...second, ...first]);
    // Runs without a backend (never started) sort last either way.
    expect(sorted('backend', 'asc')).toEqual([...gamma, ...first, ...second]);

    const bySetting = table({
      sort: { by: 'setting', path: rate, which: 'best', direction: 'desc' },
      ...page,
    });
    expect(bySetting.runs.map((run) => [run.id, run.setting])).toEqual([
      [gamma[0], '0.01'],
      ...[...first, ...second].map((id) => [id, '0.001']),
    ]);
    expect(table({ ...page }).runs[0]).not.toHaveProperty('setting');
    const filtered = table({ setting: { path: 'optimization.optimizer', equals: 'x' }, ...page });
    expect(filtered.total).toBe(0);
    store.close();
  });
});
