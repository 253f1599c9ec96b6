import { describe, expect, it } from 'vitest';
import { openStore } from '../open-store';
import { exampleSpec, seedExperiment } from '../testing/seed';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

function sampleStd(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

/** Four succeeded restarts with recorded candidates, a failed fifth, and a deep ensemble. */
function recorded() {
  const store = openStore(tempDir());
  const { experiment, runs } = seedExperiment(store, exampleSpec('compare', 5));
  const ids = runs.map((run) => run.id);
  const best = [0.9, 0.92, 0.88, 0.91];
  const swa = [0.91, 0.93, 0.9, 0.91];
  const snapshot = [0.92, 0.92, 0.89];
  const picks = [
    ['snapshot-ensemble', 0.915],
    ['swa', 0.925],
    ['swa', 0.89],
    ['best-epoch', 0.9],
  ] as const;
  const bestIds: number[] = [];
  ids.forEach((id, r) => {
    store.runs.start(id, { backend: 'cpu', device: 'cpu:0' });
    if (r === 4) {
      store.runs.finish(id, 'failed', { error: 'boom' });
      store.checkpoints.record(id, {
        kind: 'best',
        epoch: 1,
        path: `/b${id}`,
        metrics: { 'val.accuracy': 0.99 },
      });
      return;
    }
    bestIds.push(
      store.checkpoints.record(id, {
        kind: 'best',
        epoch: 5,
        path: `/b${id}`,
        metrics: { 'val.accuracy': best[r]!, 'val.loss': 1 - best[r]! },
      }).id,
    );
    store.checkpoints.record(id, {
      kind: 'swa',
      epoch: 20,
      path: `/w${id}`,
      metrics: { 'val.accuracy': swa[r]! },
    });
    if (snapshot[r] !== undefined) {
      const member = store.checkpoints.record(id, {
        kind: 'snapshot',
        epoch: 4,
        path: `/s${id}`,
        metrics: {},
      }).id;
      store.ensembles.recordSnapshot(id, {
        members: [member],
        rule: 'mean-probability',
        metrics: { 'val.accuracy': snapshot[r]! },
      });
    }
    store.runs.recordSelection(id, picks[r]![0], { 'test.accuracy': picks[r]![1] });
    store.runs.finish(id, 'succeeded');
  });
  store.ensembles.recordDeep(experiment.id, null, {
    members: bestIds,
    rule: 'mean-probability',
    metrics: { 'val.accuracy': 0.95, 'test.accuracy': 0.94 },
  });
  return { store, experimentId: experiment.id, ids, best, swa, snapshot };
}

describe('strategy comparison', () => {
  it('compares every strategy on validation, paired with the best epoch of the same run', () => {
    const { store, experimentId, best, swa } = recorded();
    const comparison = store.queries.compareStrategies({ experimentId, metric: 'accuracy' });
    expect(comparison).toMatchObject({
      experimentId,
      specVersion: 1,
      metric: 'accuracy',
      direction: 'max',
      runs: 4,
    });
    const [bestRow, swaRow, snapshotRow, deepRow] = comparison.rows;
    expect(comparison.rows.map((row) => row.strategy)).toEqual([
      'best-epoch',
      'swa',
      'snapshot-ensemble',
      'deep-ensemble',
    ]);
    expect(bestRow!.validation!.n).toBe(4);
    expect(bestRow!.validation!.mean).toBeCloseTo(0.9025, 12);
    expect(bestRow!.validation!.std).toBeCloseTo(sampleStd(best), 12);
    expect(bestRow!.differenceToBestEpoch).toBeNull();
    expect(swaRow!.validation!.std).toBeCloseTo(sampleStd(swa), 12);

    const swaDifference = swaRow!.differenceToBestEpoch as {
      pairs: number;
      estimate: number;
      lower: number;
      upper: number;
    };
    expect(swaDifference.pairs).toBe(4);
    expect(swaDifference.estimate).toBeCloseTo(0.01, 12);
    expect(swaDifference.lower).toBeGreaterThanOrEqual(0 - 1e-12);
    expect(swaDifference.upper).toBeLessThanOrEqual(0.02 + 1e-12);
    expect(swaDifference.lower).toBeLessThanOrEqual(swaDifference.upper);

    expect(snapshotRow!.validation!.n).toBe(3);
    expect((snapshotRow!.differenceToBestEpoch as { pairs: number }).pairs).toBe(3);
    expect(deepRow!.validation).toEqual({ n: 1, mean: 0.95, std: null });
    expect((deepRow!.differenceToBestEpoch as { estimate: number }).estimate).toBeCloseTo(
      0.95 - 0.9025,
      12,
    );
    store.close();
  });

  it('shows test metrics only of the models the runs selected, and the overall pick', () => {
    const { store, experimentId, ids } = recorded();
    const comparison = store.queries.compareStrategies({ experimentId, metric: 'accuracy' });
    const test = Object.fromEntries(comparison.rows.map((row) => [row.strategy, row.test]));
    expect(test['best-epoch']).toEqual({ n: 1, mean: 0.9, std: null });
    expect(test.swa!.mean).toBeCloseTo((0.925 + 0.89) / 2, 12);
    expect(test['snapshot-ensemble']).toEqual({ n: 1, mean: 0.915, std: null });
    expect(test['deep-ensemble']).toEqual({ n: 1, mean: 0.94, std: null });
    expect(comparison.selected).toEqual({
      runId: ids[1],
      candidate: 'swa',
      validation: 0.93,
      test: 0.925,
    });
    store.close();
  });

  it('compares on the selection monitor unless told otherwise, and says why a difference is missing', () => {
    const { store, experimentId } = recorded();
    const comparison = store.queries.compareStrategies({ experimentId });
    expect([comparison.metric, comparison.direction]).toEqual(['loss', 'min']);
    expect(comparison.rows[0]!.validation!.mean).toBeCloseTo(1 - 0.9025, 12);
    expect(comparison.rows[1]).toMatchObject({
      validation: null,
      differenceToBestEpoch: { pairs: 0, reason: 'no run has both models' },
    });
    expect(() =>
      store.queries.compareStrategies({ experimentId, metric: 'speed' as never }),
    ).toThrow(/metric must be one of loss, accuracy/);
    store.close();
  });
});
