import { describe, expect, it } from 'vitest';
import { openStore } from '../open-store';
import { exampleSpec, seedExperiment } from '../testing/seed';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const START = Date.UTC(2025, 0, 1);

function storeWithCurves(curves: readonly (readonly number[])[]) {
  const store = openStore(tempDir(), { clock: () => START });
  const runIds = seedExperiment(store, exampleSpec('bands', curves.length)).runs.map(
    (run) => run.id,
  );
  runIds.forEach((runId, r) => {
    store.runs.start(runId, { backend: 'cpu', device: 'cpu:0' });
    store.metrics.ingest(
      curves[r]!.map((value, step) => ({
        runId,
        key: 'val.loss',
        step,
        epoch: step + 1,
        value,
        wallTime: START + 1000 * step * (r + 1),
      })),
    );
  });
  return { store, runIds };
}

describe('bands query', () => {
  it('gives mean, min, max, population std and count across the runs at every step', () => {
    const { store, runIds } = storeWithCurves([
      [1, 2, 3, Number.NaN],
      [3, 4, 5, 6],
      [2, 6],
    ]);
    const [band] = store.queries.bands({
      groups: [{ label: 'all', runIds }],
      keys: ['val.loss'],
      x: 'step',
      resolution: 1000,
    });
    expect(band).toMatchObject({
      label: 'all',
      key: 'val.loss',
      x: [0, 1, 2, 3],
      min: [1, 2, 3, 6],
      max: [3, 6, 5, 6],
      count: [3, 3, 2, 1],
    });
    expect(band!.mean).toEqual([2, 4, 4, 6]);
    expect(band!.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(band!.std[3]).toBe(0);
    store.close();
  });

  it('uses the mean x of the runs on the epoch and wall-time axes', () => {
    const { store, runIds } = storeWithCurves([
      [1, 2, 3],
      [3, 4, 5],
    ]);
    const request = { groups: [{ label: 'g', runIds }], keys: ['val.loss'], resolution: 1000 };
    expect(store.queries.bands({ ...request, x: 'epoch' })[0]!.x).toEqual([1, 2, 3]);
    expect(store.queries.bands({ ...request, x: 'wallTime' })[0]!.x).toEqual([0, 1.5, 3]);
    store.close();
  });

  it('thins a long band to about the resolution, keeping a single run’s spike in the max', () => {
    const long = (spikeAt: number) =>
      Array.from({ length: 5000 }, (_, step) => (step === spikeAt ? 99 : Math.sin(step / 50)));
    const { store, runIds } = storeWithCurves([long(1234), long(-1), long(-1)]);
    const [band] = store.queries.bands({
      groups: [{ label: 'g', runIds }],
      keys: ['val.loss'],
      x: 'step',
      resolution: 200,
    });
    expect(band!.x.length).toBeLessThanOrEqual(200);
    expect(band!.x.length).toBeGreaterThan(100);
    expect(band!.x[band!.max.indexOf(99)]).toBe(1234);
    expect(band!.mean[band!.max.indexOf(99)]).toBeCloseTo((99 + 2 * Math.sin(1234 / 50)) / 3, 12);
    store.close();
  });
});
