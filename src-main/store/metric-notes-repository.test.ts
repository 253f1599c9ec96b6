import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();

function storeWithTwoRuns() {
  const store = openStore(tempDir());
  const [first, second] = seedExperiment(store, exampleSpec('notes', 2)).runs;
  return { store, runId: first!.id, otherId: second!.id };
}

const oneClass = 'AUC needs both classes, but all 40 rows are class 1';

describe('metric notes', () => {
  it('keeps the latest note per key and kind, with its epoch, apart for each run', () => {
    const { store, runId, otherId } = storeWithTwoRuns();
    store.metricNotes.record(runId, 'undefined', { 'val.auc': 'first reason' }, 1);
    store.metricNotes.record(runId, 'undefined', { 'val.auc': oneClass, 'train.auc': 'x' }, 2);
    store.metricNotes.record(runId, 'basis', { 'train.auc': 'all 120 training rows' }, 2);
    store.metricNotes.record(runId, 'undefined', { 'test.auc': oneClass }, null);
    store.metricNotes.record(otherId, 'undefined', {}, 1);
    expect(store.metricNotes.listForRun(runId)).toEqual([
      { key: 'test.auc', kind: 'undefined', note: oneClass, epoch: null },
      { key: 'train.auc', kind: 'basis', note: 'all 120 training rows', epoch: 2 },
      { key: 'train.auc', kind: 'undefined', note: 'x', epoch: 2 },
      { key: 'val.auc', kind: 'undefined', note: oneClass, epoch: 2 },
    ]);
    expect(store.metricNotes.listForRun(otherId)).toEqual([]);
    store.close();
  });

  it('forgets the reasons from an epoch trained again, and the test ones, but not the basis', () => {
    const { store, runId } = storeWithTwoRuns();
    store.metricNotes.record(runId, 'undefined', { 'val.auc': 'early' }, 1);
    store.metricNotes.record(runId, 'undefined', { 'val.mse': 'late' }, 3);
    store.metricNotes.record(runId, 'basis', { 'train.auc': 'sample' }, 3);
    store.metricNotes.record(runId, 'undefined', { 'test.auc': 'test' }, null);
    store.metricNotes.forgetUndefinedFrom(runId, 2);
    expect(store.metricNotes.listForRun(runId).map((note) => note.note)).toEqual([
      'sample',
      'early',
    ]);
    store.close();
  });

  it('reads the latest note of a run by the primary key, not a scan', () => {
    const { store, runId } = storeWithTwoRuns();
    const plan = store.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT note FROM run_metric_notes WHERE run_id = ? AND key = ? AND kind = 'undefined'`,
      )
      .all(runId, 'val.auc') as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(
      /SEARCH run_metric_notes USING PRIMARY KEY/,
    );
    store.close();
  });
});
