import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '../metrics-repository';
import { openStore, type Store } from '../open-store';
import { exampleSpec, seedExperiment } from '../testing/seed';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const START = Date.UTC(2025, 0, 1);

function startedStore(runs: number): { store: Store; runIds: number[] } {
  const store = openStore(tempDir(), { clock: () => START });
  const ids = seedExperiment(store, exampleSpec('curves', runs)).runs.map((run) => run.id);
  for (const id of ids) store.runs.start(id, { backend: 'cpu', device: 'cpu:0' });
  return { store, runIds: ids };
}

/** A noisy falling curve with a few one-step spikes and dips that a plot must not lose. */
const spikes = new Map([
  [1234, 40],
  [5077, -30],
  [8999, 25],
  [9990, 33],
]);
function lossAt(step: number): number {
  return spikes.get(step) ?? 5 / (1 + step / 500) + Math.sin(step * 12.9898) * 0.05;
}

function curvePoints(runId: number, key: string, steps: number, stepsPerEpoch = 10): MetricPoint[] {
  return Array.from({ length: steps }, (_, step) => ({
    runId,
    key,
    step,
    epoch: Math.floor(step / stepsPerEpoch) + 1,
    value: lossAt(step),
    wallTime: START + step * 250,
  }));
}

function ingestInBatches(store: Store, points: readonly MetricPoint[], batch = 700): void {
  for (let i = 0; i < points.length; i += batch) store.metrics.ingest(points.slice(i, i + batch));
}

describe('curves query', () => {
  it('returns a short curve whole, newest points included', () => {
    const { store, runIds } = startedStore(1);
    ingestInBatches(store, curvePoints(runIds[0]!, 'train.loss', 300));
    const [curve] = store.queries.curves({
      runIds,
      keys: ['train.loss'],
      x: 'step',
      resolution: 1000,
    });
    expect(curve!.x).toEqual(Array.from({ length: 300 }, (_, step) => step));
    expect(curve!.y).toEqual(curve!.x.map(lossAt));
    store.close();
  });

  it('downsamples a long curve to the resolution, keeping every spike and dip', () => {
    const { store, runIds } = startedStore(2);
    for (const runId of runIds) ingestInBatches(store, curvePoints(runId, 'train.loss', 10_000));
    const curves = store.queries.curves({
      runIds,
      keys: ['train.loss'],
      x: 'step',
      resolution: 1000,
    });
    expect(curves.map((c) => [c.runId, c.key])).toEqual(runIds.map((id) => [id, 'train.loss']));
    for (const curve of curves) {
      expect(curve.x.length).toBeGreaterThan(900);
      expect(curve.x.length).toBeLessThanOrEqual(1000);
      curve.x.forEach((step, i) => {
        if (i > 0) expect(step).toBeGreaterThan(curve.x[i - 1]!);
        expect(curve.y[i]).toBe(lossAt(step));
      });
      for (const [step, value] of spikes) expect(curve.x[curve.y.indexOf(value)]).toBe(step);
    }
    store.close();
  });

  it('zooms into a step range at full resolution', () => {
    const { store, runIds } = startedStore(1);
    ingestInBatches(store, curvePoints(runIds[0]!, 'train.loss', 10_000));
    const [curve] = store.queries.curves({
      runIds,
      keys: ['train.loss'],
      x: 'step',
      resolution: 1000,
      range: { from: 5000, to: 5600 },
    });
    expect(curve!.x).toEqual(Array.from({ length: 601 }, (_, i) => 5000 + i));
    expect(curve!.y[77]).toBe(-30);
    store.close();
  });

  it('plots against epochs or seconds since the run started', () => {
    const { store, runIds } = startedStore(1);
    ingestInBatches(store, curvePoints(runIds[0]!, 'val.loss', 50));
    const [byEpoch] = store.queries.curves({
      runIds,
      keys: ['val.loss'],
      x: 'epoch',
      resolution: 1000,
      range: { from: 2, to: 3 },
    });
    expect(byEpoch!.x).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    const [bySeconds] = store.queries.curves({
      runIds,
      keys: ['val.loss'],
      x: 'wallTime',
      resolution: 1000,
      range: { from: 1, to: 2 },
    });
    expect(bySeconds!.x).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(bySeconds!.y).toEqual([4, 5, 6, 7, 8].map(lossAt));
    store.close();
  });

  it('gives an empty curve for a key never recorded, or against time for a run never started', () => {
    const store = openStore(tempDir());
    const [queued] = seedExperiment(store, exampleSpec('curves', 1)).runs;
    store.metrics.ingest(curvePoints(queued!.id, 'val.loss', 3));
    expect(
      store.queries.curves({
        runIds: [queued!.id],
        keys: ['val.loss', 'val.f1'],
        x: 'step',
        resolution: 100,
      }),
    ).toEqual([
      { runId: queued!.id, key: 'val.loss', x: [0, 1, 2], y: [0, 1, 2].map(lossAt) },
      { runId: queued!.id, key: 'val.f1', x: [], y: [] },
    ]);
    expect(
      store.queries.curves({
        runIds: [queued!.id],
        keys: ['val.loss'],
        x: 'wallTime',
        resolution: 100,
      }),
    ).toEqual([{ runId: queued!.id, key: 'val.loss', x: [], y: [] }]);
    store.close();
  });

  it('zooms into a wide range through the coarser levels, keeping the spikes inside it', () => {
    const { store, runIds } = startedStore(1);
    ingestInBatches(store, curvePoints(runIds[0]!, 'train.loss', 10_000));
    const [curve] = store.queries.curves({
      runIds,
      keys: ['train.loss'],
      x: 'step',
      resolution: 200,
      range: { from: 1000, to: 9500 },
    });
    expect(curve!.x.length).toBeLessThanOrEqual(200);
    expect(curve!.x.length).toBeGreaterThan(150);
    expect(Math.min(...curve!.x)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...curve!.x)).toBeLessThanOrEqual(9500);
    curve!.x.forEach((step, i) => expect(curve!.y[i]).toBe(lossAt(step)));
    for (const step of [1234, 5077, 8999])
      expect(curve!.x[curve!.y.indexOf(spikes.get(step)!)]).toBe(step);
    expect(curve!.y).not.toContain(spikes.get(9990));
    store.close();
  });
});
