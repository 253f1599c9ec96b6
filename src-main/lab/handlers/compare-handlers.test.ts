import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store';
import { exampleSpec, seedExperiment } from '../../store/testing/seed';
import { useTempDirs } from '../../store/testing/temp-dir';
import { compareHandlers } from './compare-handlers';

const tempDir = useTempDirs();

describe('compare.snapshotCurve', () => {
  it('returns each run’s validation metric against the number of snapshots it averages', async () => {
    const store = openStore(tempDir());
    const { experiment, runs } = seedExperiment(store, exampleSpec('curve', 3));
    const [a, b] = runs as [(typeof runs)[number], (typeof runs)[number]];
    for (const [run, accuracies] of [
      [a, [0.9, 0.92, 0.93]],
      [b, [0.88, 0.91]],
    ] as const) {
      const members = accuracies.map(
        (_, i) =>
          store.checkpoints.record(run.id, {
            kind: 'snapshot',
            epoch: 10 * (i + 1),
            path: `/s${run.id}-${i}`,
            metrics: {},
          }).id,
      );
      store.ensembles.recordSnapshot(run.id, {
        members,
        rule: 'mean-probability',
        metrics: { 'val.accuracy': accuracies.at(-1)! },
        byMemberCount: accuracies.map((accuracy, i) => ({
          members: i + 1,
          metrics: { 'val.accuracy': accuracy, 'val.loss': 1 - accuracy },
        })),
      });
    }
    const handlers = compareHandlers({ store });

    const curve = await handlers['compare.snapshotCurve']({
      experimentIds: [experiment.id],
      metric: 'accuracy',
    });

    expect(curve).toEqual({
      metric: 'accuracy',
      runs: [
        {
          runId: a.id,
          experimentId: experiment.id,
          restart: a.restart,
          points: [
            { members: 1, value: 0.9 },
            { members: 2, value: 0.92 },
            { members: 3, value: 0.93 },
          ],
        },
        {
          runId: b.id,
          experimentId: experiment.id,
          restart: b.restart,
          points: [
            { members: 1, value: 0.88 },
            { members: 2, value: 0.91 },
          ],
        },
      ],
    });
    const absent = await handlers['compare.snapshotCurve']({
      experimentIds: [experiment.id],
      metric: 'f1',
    });
    expect(absent.runs).toEqual([]);
    store.close();
  });

  it('refuses a member count that is not a positive integer', () => {
    const store = openStore(tempDir());
    const run = seedExperiment(store, exampleSpec('bad', 1)).runs[0]!;
    const member = store.checkpoints.record(run.id, {
      kind: 'snapshot',
      epoch: 5,
      path: '/s',
      metrics: {},
    }).id;
    expect(() =>
      store.ensembles.recordSnapshot(run.id, {
        members: [member],
        rule: 'mean-probability',
        metrics: {},
        byMemberCount: [{ members: 0, metrics: {} }],
      }),
    ).toThrow(
      `Snapshot ensemble of run ${run.id}: a member count must be a positive integer, received 0`,
    );
    store.close();
  });
});

describe('runs.configs', () => {
  it('returns many runs’ configs in one call, in the order asked, leaving out unknown ids', async () => {
    const store = openStore(tempDir());
    const { runs } = seedExperiment(store, exampleSpec('configs', 3));
    const [a, b, c] = runs as [(typeof runs)[number], (typeof runs)[number], (typeof runs)[number]];
    const handlers = compareHandlers({ store });

    const { configs } = await handlers['runs.configs']({ ids: [c.id, a.id, 9999, b.id] });

    expect(configs.map((entry) => entry.id)).toEqual([c.id, a.id, b.id]);
    expect(configs[0]?.config).toEqual(store.runs.get(c.id).config);
  });
});
