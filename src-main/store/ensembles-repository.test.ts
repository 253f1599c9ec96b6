import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();

describe('ensembles repository', () => {
  it('stores one snapshot ensemble per run and one deep ensemble per fold, replacing on re-record', () => {
    const store = openStore(tempDir());
    const { experiment, runs } = seedExperiment(store, exampleSpec('ens', 2));
    const [a, b] = runs.map((run) => run.id) as [number, number];
    const snapshots = [4, 8].map(
      (epoch) =>
        store.checkpoints.record(a, { kind: 'snapshot', epoch, path: `/s${epoch}`, metrics: {} })
          .id,
    );
    const bests = [a, b].map(
      (id) =>
        store.checkpoints.record(id, { kind: 'best', epoch: 5, path: `/b${id}`, metrics: {} }).id,
    );
    store.ensembles.recordSnapshot(a, {
      members: snapshots,
      rule: 'mean-probability',
      metrics: { 'val.loss': 0.5 },
    });
    const again = store.ensembles.recordSnapshot(a, {
      members: snapshots,
      rule: 'mean-probability',
      metrics: { 'val.loss': 0.4 },
    });
    expect(again).toMatchObject({
      kind: 'snapshot',
      runId: a,
      experimentId: experiment.id,
      members: snapshots,
      metrics: { 'val.loss': 0.4 },
    });
    store.ensembles.recordDeep(experiment.id, null, {
      members: bests,
      rule: 'mean-probability',
      metrics: { 'val.loss': 0.3, 'test.loss': 0.35 },
    });
    store.ensembles.recordDeep(experiment.id, null, {
      members: bests,
      rule: 'mean-probability',
      metrics: { 'val.loss': 0.2 },
    });
    expect(
      store.ensembles
        .listForExperiment(experiment.id)
        .map((e) => [e.kind, e.runId, e.metrics['val.loss']]),
    ).toEqual([
      ['deep', null, 0.2],
      ['snapshot', a, 0.4],
    ]);
    expect(store.ensembles.snapshotOf(b)).toBeUndefined();
    store.close();
  });

  it('refuses members that are not checkpoints of the experiment', () => {
    const store = openStore(tempDir());
    const { experiment } = seedExperiment(store, exampleSpec('ens', 1));
    const other = seedExperiment(store, exampleSpec('other', 1)).runs[0]!;
    const foreign = store.checkpoints.record(other.id, {
      kind: 'best',
      epoch: 1,
      path: '/x',
      metrics: {},
    }).id;
    expect(() =>
      store.ensembles.recordDeep(experiment.id, null, {
        members: [foreign],
        rule: 'mean-probability',
        metrics: {},
      }),
    ).toThrow(
      `Deep ensemble of experiment ${experiment.id}: members must be checkpoint ids of the experiment's runs, received [${foreign}]`,
    );
    store.close();
  });
});
