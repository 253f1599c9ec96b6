import type { MetricNote } from '@shared/contract/runs';
import type { Db } from './database';

type NoteKind = MetricNote['kind'];

/**
 * Notes on a run's metrics (migration 0007): one per run, key and kind, replaced by the newer
 * note, so a run holds what a person needs (the latest reason a metric is undefined, how a sampled
 * metric was computed) rather than the same sentence once per epoch.
 */
export function createMetricNotesRepository(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO run_metric_notes (run_id, key, kind, note, epoch)
    VALUES (@runId, @key, @kind, @note, @epoch)
    ON CONFLICT (run_id, key, kind) DO UPDATE SET note = excluded.note, epoch = excluded.epoch`);
  const forgetFrom = db.prepare(`
    DELETE FROM run_metric_notes
    WHERE run_id = @runId AND kind = 'undefined' AND (epoch IS NULL OR epoch >= @epoch)`);
  const byRun = db.prepare<[number], MetricNote>(
    'SELECT key, kind, note, epoch FROM run_metric_notes WHERE run_id = ? ORDER BY key, kind',
  );
  const recordAll = db.transaction(
    (runId: number, kind: NoteKind, notes: Record<string, string>, epoch: number | null) => {
      for (const [key, note] of Object.entries(notes))
        upsert.run({ runId, key, kind, note, epoch });
    },
  );

  return {
    /** Records `notes` (key → text) of one kind, from `epoch` (null: the test metrics). */
    record(runId: number, kind: NoteKind, notes: Record<string, string>, epoch: number | null) {
      if (Object.keys(notes).length > 0) recordAll(runId, kind, notes, epoch);
    },

    /**
     * A resumed or restarted run trains `epoch` again: the reasons from there on (and from its
     * test) described a model it no longer has. Basis notes hold for every epoch and stay.
     */
    forgetUndefinedFrom(runId: number, epoch: number): void {
      forgetFrom.run({ runId, epoch });
    },

    /** Every note on the run's metrics, by key then kind. */
    listForRun(runId: number): MetricNote[] {
      return byRun.all(runId);
    },
  };
}

export type MetricNotesRepository = ReturnType<typeof createMetricNotesRepository>;
