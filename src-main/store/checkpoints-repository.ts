import { LabError } from '@shared/contract/envelope';
import type { checkpointKindSchema } from '@shared/contract/runs';
import type { z } from 'zod';
import type { Clock } from './clock';
import { isoTime, jsonColumn } from './columns';
import type { Db } from './database';
import { checkMetricValues, type MetricValues } from './metric-values';

export type CheckpointKind = z.infer<typeof checkpointKindSchema>;

export interface CheckpointRecord {
  id: number;
  runId: number;
  kind: CheckpointKind;
  epoch: number;
  /** The folder of the saved model, as the trainer wrote it. */
  path: string;
  /** What the checkpoint scored when it was saved, keyed `<split>.<metric>`. */
  metrics: MetricValues;
  createdAt: string;
}

export interface NewCheckpoint {
  kind: CheckpointKind;
  epoch: number;
  path: string;
  metrics: MetricValues;
}

interface CheckpointRow {
  id: number;
  run_id: number;
  kind: CheckpointKind;
  epoch: number;
  path: string;
  metrics: string;
  created_at: number;
}

function toCheckpoint(row: CheckpointRow): CheckpointRecord {
  return {
    id: row.id,
    runId: row.run_id,
    kind: row.kind,
    epoch: row.epoch,
    path: row.path,
    metrics: jsonColumn<MetricValues>(row.metrics),
    createdAt: isoTime(row.created_at),
  };
}

/**
 * Checkpoint records (the files are the trainer's). A run has one snapshot per epoch it took one
 * and at most one checkpoint of every other kind: recording a newer best, SWA, final or resume
 * checkpoint replaces the row in place, so its id stays valid for ensembles.
 */
export function createCheckpointsRepository(db: Db, clock: Clock) {
  const columns =
    '(run_id, kind, epoch, path, metrics, created_at) VALUES (@runId, @kind, @epoch, @path, @metrics, @now)';
  const upsertSnapshot = db.prepare<Record<string, unknown>, CheckpointRow>(`
    INSERT INTO checkpoints ${columns}
    ON CONFLICT (run_id, epoch) WHERE kind = 'snapshot'
      DO UPDATE SET path = excluded.path, metrics = excluded.metrics, created_at = excluded.created_at
    RETURNING *`);
  const upsertSingle = db.prepare<Record<string, unknown>, CheckpointRow>(`
    INSERT INTO checkpoints ${columns}
    ON CONFLICT (run_id, kind) WHERE kind <> 'snapshot'
      DO UPDATE SET epoch = excluded.epoch, path = excluded.path, metrics = excluded.metrics,
                    created_at = excluded.created_at
    RETURNING *`);
  const selectOne = db.prepare<[number], CheckpointRow>('SELECT * FROM checkpoints WHERE id = ?');
  const selectForRun = db.prepare<[number], CheckpointRow>(
    'SELECT * FROM checkpoints WHERE run_id = ? ORDER BY epoch, id',
  );
  const selectKind = db.prepare<[number, CheckpointKind], CheckpointRow>(
    'SELECT * FROM checkpoints WHERE run_id = ? AND kind = ? ORDER BY epoch DESC LIMIT 1',
  );

  return {
    record(runId: number, checkpoint: NewCheckpoint): CheckpointRecord {
      const params = {
        runId,
        kind: checkpoint.kind,
        epoch: checkpoint.epoch,
        path: checkpoint.path,
        metrics: JSON.stringify(
          checkMetricValues(checkpoint.metrics, `${checkpoint.kind} checkpoint of run ${runId}`),
        ),
        now: clock(),
      };
      const row = (checkpoint.kind === 'snapshot' ? upsertSnapshot : upsertSingle).get(params);
      if (row === undefined)
        throw new Error(`Could not record the ${checkpoint.kind} checkpoint of run ${runId}`);
      return toCheckpoint(row);
    },

    get(id: number): CheckpointRecord {
      const row = selectOne.get(id);
      if (row === undefined) throw new LabError('not_found', `There is no checkpoint ${id}.`);
      return toCheckpoint(row);
    },

    /** The run's checkpoints by epoch. */
    listForRun(runId: number): CheckpointRecord[] {
      return selectForRun.all(runId).map(toCheckpoint);
    },

    /** The run's checkpoint of that kind (the latest snapshot for `snapshot`), if any. */
    find(runId: number, kind: CheckpointKind): CheckpointRecord | undefined {
      const row = selectKind.get(runId, kind);
      return row === undefined ? undefined : toCheckpoint(row);
    },
  };
}

export type CheckpointsRepository = ReturnType<typeof createCheckpointsRepository>;
