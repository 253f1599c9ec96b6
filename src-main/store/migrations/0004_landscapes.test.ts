import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { migrate } from '../migrate';
import { databaseAtVersion } from '../testing/migration-fixture';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

/** A database at version 3 holding one run with a best and a SWA checkpoint, and its diagnostics. */
function databaseAtVersion3(): Db {
  return databaseAtVersion(tempDir(), 3, (db) => {
    db.prepare(
      `INSERT INTO runs (id, experiment_id, spec_version, restart, seed, fold, epochs, config, queue_order, queued_at, status)
       VALUES (1, 1, 1, 0, 7, NULL, 10, '{}', 1, 0, 'succeeded')`,
    ).run();
    db.prepare(
      `INSERT INTO checkpoints (id, run_id, kind, epoch, path, created_at)
       VALUES (10, 1, 'best', 4, '/ckpt/best', 5), (11, 1, 'swa', 10, '/ckpt/swa', 6)`,
    ).run();
    db.prepare(`INSERT INTO run_diagnostics VALUES (1, '{"kind":"regression"}')`).run();
  });
}

const line = `INSERT INTO landscapes (id, shape, checkpoint_a, checkpoint_b, stamp, points, seed, batch_norm_asked, status, created_at)`;

describe('migration 0004 (landscapes)', () => {
  it('adds an empty landscapes table and keeps the existing rows', () => {
    const db = databaseAtVersion3();
    expect(migrate(db, { to: 4 })).toEqual([4]);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT count(*) FROM landscapes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT id, kind, epoch FROM checkpoints ORDER BY id').all()).toEqual([
      { id: 10, kind: 'best', epoch: 4 },
      { id: 11, kind: 'swa', epoch: 10 },
    ]);
    expect(db.prepare('SELECT count(*) FROM run_diagnostics').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('enforces the shape, the checkpoints, the status and the JSON result', () => {
    const db = databaseAtVersion3();
    migrate(db);
    db.prepare(`${line} VALUES (1, 'line', 10, 11, '5|6', 25, 0, 1, 'running', 0)`).run();
    const lineWithoutB = () =>
      db.prepare(`${line} VALUES (2, 'line', 10, NULL, '5', 25, 0, 1, 'running', 0)`).run();
    expect(lineWithoutB).toThrow(/CHECK constraint failed/);
    const unknownCheckpoint = () =>
      db.prepare(`${line} VALUES (3, 'line', 10, 99, '5|6', 25, 0, 1, 'running', 0)`).run();
    expect(unknownCheckpoint).toThrow(/FOREIGN KEY constraint failed/);
    const onePoint = () =>
      db.prepare(`${line} VALUES (4, 'line', 10, 11, '5|6', 1, 0, 1, 'running', 0)`).run();
    expect(onePoint).toThrow(/CHECK constraint failed/);
    const doneWithoutResult = () =>
      db
        .prepare(`UPDATE landscapes SET status = 'done', batch_norm_recomputed = 1 WHERE id = 1`)
        .run();
    expect(doneWithoutResult).toThrow(/CHECK constraint failed/);
    const notJson = () =>
      db
        .prepare(
          `UPDATE landscapes SET status = 'done', batch_norm_recomputed = 1, result = 'nope' WHERE id = 1`,
        )
        .run();
    expect(notJson).toThrow(/CHECK constraint failed/);
    const failedWithoutError = () =>
      db.prepare(`UPDATE landscapes SET status = 'failed' WHERE id = 1`).run();
    expect(failedWithoutError).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('cascades a run delete through its checkpoints to their landscapes', () => {
    const db = databaseAtVersion3();
    migrate(db);
    db.prepare(`${line} VALUES (1, 'line', 10, 11, '5|6', 25, 0, 1, 'running', 0)`).run();
    db.prepare('DELETE FROM runs WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM landscapes').pluck().get()).toBe(0);
    db.close();
  });
});
