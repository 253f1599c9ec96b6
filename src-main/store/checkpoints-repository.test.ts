import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();

describe('checkpoints repository', () => {
  it('keeps one checkpoint per kind, replaced in place, and one snapshot per epoch', () => {
    const store = openStore(tempDir());
    const [run] = seedExperiment(store, exampleSpec('ck', 1)).runs;
    const id = run!.id;
    const first = store.checkpoints.record(id, {
      kind: 'best',
      epoch: 3,
      path: '/ck/best',
      metrics: { 'val.loss': 0.4 },
    });
    const better = store.checkpoints.record(id, {
      kind: 'best',
      epoch: 7,
      path: '/ck/best',
      metrics: { 'val.loss': 0.3 },
    });
    expect(better).toMatchObject({ id: first.id, epoch: 7, metrics: { 'val.loss': 0.3 } });
    store.checkpoints.record(id, { kind: 'snapshot', epoch: 4, path: '/ck/s4', metrics: {} });
    store.checkpoints.record(id, { kind: 'snapshot', epoch: 8, path: '/ck/s8', metrics: {} });
    store.checkpoints.record(id, { kind: 'snapshot', epoch: 8, path: '/ck/s8b', metrics: {} });
    expect(store.checkpoints.listForRun(id).map((c) => [c.kind, c.epoch, c.path])).toEqual([
      ['snapshot', 4, '/ck/s4'],
      ['best', 7, '/ck/best'],
      ['snapshot', 8, '/ck/s8b'],
    ]);
    expect(store.checkpoints.find(id, 'snapshot')?.epoch).toBe(8);
    expect(store.checkpoints.find(id, 'swa')).toBeUndefined();
    expect(store.checkpoints.get(first.id).path).toBe('/ck/best');
    store.close();
  });

  it('refuses metrics that are not finite numbers, naming the key', () => {
    const store = openStore(tempDir());
    const [run] = seedExperiment(store, exampleSpec('ck', 1)).runs;
    expect(() =>
      store.checkpoints.record(run!.id, {
        kind: 'swa',
        epoch: 9,
        path: '/ck/swa',
        metrics: { 'val.loss': Number.NaN },
      }),
    ).toThrow(
      `swa checkpoint of run ${run!.id}: metric "val.loss" must be a finite number, received null`,
    );
    store.close();
  });
});
