import { describe, expect, it } from 'vitest';
import { openStore } from '../open-store';
import type { StrategyRow } from './strategy-comparison';
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

    // SWA − best per run: 0.01, 0.01, 0.02, 0 — SciPy ttest_rel gives t = 2.4495, p = 0.09172 and
    // the 95% interval 0.01 ± 3.18245·0.0040825.
    const swaDifference = swaRow!.differenceToBestEpoch as Extract<
      StrategyRow['differenceToBestEpoch'],
      { estimate: number }
    >;
    expect(swaDifference.pairs).toBe(4);
    expect(swaDifference.estimate).toBeCloseTo(0.01, 12);
    expect(swaDifference.interval!.method).toBe('paired-t');
    expect(swaDifference.interval!.lower).toBeCloseTo(0.01 - 3.182446305 * 0.004082483, 8);
    expect(swaDifference.interval!.upper).toBeCloseTo(0.01 + 3.182446305 * 0.004082483, 8);
    expect(swaDifference.pValue).toBeCloseTo(0.0917, 4);

    expect(snapshotRow!.validation!.n).toBe(3);
    expect((snapshotRow!.differenceToBestEpoch as { pairs: number }).pairs).toBe(3);
    expect(deepRow!.validation).toEqual({ n: 1, mean: 0.95, std: null });
    // The deep ensemble against the best single restart (0.92), not the restarts' mean.
    expect(deepRow!.differenceToBestEpoch).toEqual({
      pairs: 1,
      estimate: expect.closeTo(0.95 - 0.92, 12),
      interval: null,
      pValue: null,
      adjustedPValue: null,
      note: 'needs ≥ 2 folds',
    });
    store.close();
  });

  it('adjusts the p-values for the comparisons the table makes (Holm)', () => {
    const { store, experimentId } = recorded();
    const comparison = store.queries.compareStrategies({ experimentId, metric: 'accuracy' });
    const [, swaRow, snapshotRow] = comparison.rows.map(
      (row) => row.differenceToBestEpoch as { pValue: number; adjustedPValue: number },
    );
    expect(comparison.comparisons).toBe(2);
    const [first, second] = [swaRow!, snapshotRow!].sort((a, b) => a.pValue - b.pValue);
    expect(first!.adjustedPValue).toBeCloseTo(Math.min(1, 2 * first!.pValue), 12);
    expect(second!.adjustedPValue).toBeCloseTo(Math.max(first!.adjustedPValue, second!.pValue), 12);
    store.close();
  });

  it('gives one restart a difference but no interval', () => {
    const store = openStore(tempDir());
    const { experiment, runs } = seedExperiment(store, exampleSpec('single', 1));
    const id = runs[0]!.id;
    store.runs.start(id, { backend: 'cpu', device: 'cpu:0' });
    store.checkpoints.record(id, {
      kind: 'best',
      epoch: 3,
      path: '/b',
      metrics: { 'val.accuracy': 0.9 },
    });
    store.checkpoints.record(id, {
      kind: 'swa',
      epoch: 9,
      path: '/w',
      metrics: { 'val.accuracy': 0.904 },
    });
    store.runs.finish(id, 'succeeded');
    const swa = store.queries.compareStrategies({ experimentId: experiment.id, metric: 'accuracy' })
      .rows[1]!.differenceToBestEpoch;
    expect(swa).toMatchObject({
      pairs: 1,
      interval: null,
      pValue: null,
      note: 'needs ≥ 2 restarts',
    });
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
    // The pick is made on the selection monitor (val.loss), whatever metric is displayed: of the
    // runs' selected models only run 4's best epoch recorded val.loss, and the deep ensemble none.
    expect(comparison.selected).toEqual({
      runId: ids[3],
      candidate: 'best-epoch',
      validation: 0.91,
      test: 0.9,
    });
    store.close();
  });

  it('lets the deep ensemble compete on validation and become the pick', () => {
    const { store, experimentId, ids } = recorded();
    const members = ids.slice(0, 4).map((id) => store.checkpoints.find(id, 'best')!.id);
    store.ensembles.recordDeep(experimentId, null, {
      members,
      rule: 'mean-probability',
      metrics: { 'val.loss': 0.05, 'val.accuracy': 0.95, 'test.accuracy': 0.94 },
    });
    const comparison = store.queries.compareStrategies({ experimentId, metric: 'accuracy' });
    expect(comparison.selected).toEqual({
      runId: null,
      candidate: 'deep-ensemble',
      validation: 0.95,
      test: 0.94,
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
