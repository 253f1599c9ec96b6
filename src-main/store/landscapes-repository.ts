import { LabError } from '@shared/contract/envelope';
import {
  landscapeResultSchema,
  type LandscapeResult,
  type LandscapeShape,
} from '@shared/contract/landscape';
import type { Clock } from './clock';
import { isoTime, jsonColumnOrNull } from './columns';
import type { Db } from './database';

/** What a landscape was asked for: equal keys give equal landscapes. */
export interface LandscapeKey {
  shape: LandscapeShape;
  /** Checkpoint ids A (, B (, C)). */
  checkpointIds: number[];
  /** The checkpoints' recording times, joined: a checkpoint recorded again is another model. */
  stamp: string;
  points: number;
  seed: number;
  recomputeBatchNorm: boolean;
}

export interface LandscapeRecord {
  id: number;
  shape: LandscapeShape;
  checkpointIds: number[];
  points: number;
  seed: number;
  /** What was asked until it is done, then whether it was done (false for nets without batch norm). */
  recomputeBatchNorm: boolean;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result: LandscapeResult | null;
  error: string | null;
  createdAt: string;
}

interface LandscapeRow {
  id: number;
  shape: LandscapeShape;
  checkpoint_a: number;
  checkpoint_b: number | null;
  checkpoint_c: number | null;
  points: number;
  seed: number;
  batch_norm_asked: number;
  batch_norm_recomputed: number | null;
  status: LandscapeRecord['status'];
  done: number;
  total: number;
  result: string | null;
  error: string | null;
  created_at: number;
}

function toRecord(row: LandscapeRow): LandscapeRecord {
  const result = jsonColumnOrNull(row.result);
  return {
    id: row.id,
    shape: row.shape,
    checkpointIds: [row.checkpoint_a, row.checkpoint_b, row.checkpoint_c].filter(
      (id): id is number => id !== null,
    ),
    points: row.points,
    seed: row.seed,
    recomputeBatchNorm: (row.batch_norm_recomputed ?? row.batch_norm_asked) === 1,
    status: row.status,
    done: row.done,
    total: row.total,
    result: result === null ? null : landscapeResultSchema.parse(result),
    error: row.error,
    createdAt: isoTime(row.created_at),
  };
}

function keyParams(key: LandscapeKey) {
  const [a, b = null, c = null] = key.checkpointIds;
  return {
    shape: key.shape,
    a,
    b,
    c,
    stamp: key.stamp,
    points: key.points,
    seed: key.seed,
    asked: key.recomputeBatchNorm ? 1 : 0,
  };
}

/** Landscapes and their progress; the lab writes them as the evaluator child reports. */
export function createLandscapesRepository(db: Db, clock: Clock) {
  const insert = db.prepare<Record<string, unknown>, LandscapeRow>(`
    INSERT INTO landscapes (shape, checkpoint_a, checkpoint_b, checkpoint_c, stamp, points, seed,
                            batch_norm_asked, status, created_at)
    VALUES (@shape, @a, @b, @c, @stamp, @points, @seed, @asked, 'running', @now)
    RETURNING *`);
  const selectOne = db.prepare<[number], LandscapeRow>('SELECT * FROM landscapes WHERE id = ?');
  const selectComputed = db.prepare<Record<string, unknown>, LandscapeRow>(`
    SELECT * FROM landscapes
    WHERE checkpoint_a = @a AND checkpoint_b IS @b AND checkpoint_c IS @c AND shape = @shape
      AND stamp = @stamp AND points = @points AND seed = @seed AND batch_norm_asked = @asked
      AND status IN ('running', 'done')
    ORDER BY id DESC LIMIT 1`);
  const updateProgress = db.prepare(
    `UPDATE landscapes SET done = ?, total = ? WHERE id = ? AND status = 'running'`,
  );
  const updateDone = db.prepare(`
    UPDATE landscapes SET status = 'done', result = ?, batch_norm_recomputed = ?, done = total
    WHERE id = ? AND status = 'running'`);
  const updateFailed = db.prepare(
    `UPDATE landscapes SET status = 'failed', error = ? WHERE id = ? AND status = 'running'`,
  );
  const failRunning = db.prepare(
    `UPDATE landscapes SET status = 'failed', error = ? WHERE status = 'running' RETURNING id`,
  );

  return {
    start(key: LandscapeKey): LandscapeRecord {
      const row = insert.get({ ...keyParams(key), now: clock() });
      if (row === undefined) throw new Error('Could not record the landscape');
      return toRecord(row);
    },

    /** A landscape of exactly this key that is done or still being computed, if any. */
    findReusable(key: LandscapeKey): LandscapeRecord | undefined {
      const row = selectComputed.get(keyParams(key));
      return row === undefined ? undefined : toRecord(row);
    },

    get(id: number): LandscapeRecord {
      const row = selectOne.get(id);
      if (row === undefined) throw new LabError('not_found', `There is no landscape ${id}.`);
      return toRecord(row);
    },

    progress(id: number, done: number, total: number): void {
      updateProgress.run(done, total, id);
    },

    finish(id: number, result: LandscapeResult, recomputedBatchNorm: boolean): void {
      updateDone.run(JSON.stringify(result), recomputedBatchNorm ? 1 : 0, id);
    },

    fail(id: number, message: string): void {
      updateFailed.run(message, id);
    },

    /** Marks landscapes a closed or crashed lab left running as failed; returns their ids. */
    failUnfinished(): number[] {
      return failRunning
        .all('The lab closed before this landscape was finished; compute it again.')
        .map((row) => (row as { id: number }).id);
    },
  };
}

export type LandscapesRepository = ReturnType<typeof createLandscapesRepository>;
