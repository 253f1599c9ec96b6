import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { migrate } from '../migrate';
import { databaseAtVersion } from '../testing/migration-fixture';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

/** A database at version 6: one experiment with a finished run, its attempt and a curve summary. */
function databaseAtVersion6(): Db {
  return databaseAtVersion(
    tempDir(),
    6,
    (db) => {
      db.prepare(
        `INSERT INTO runs (id, experiment_id, spec_version, restart, seed, fold, epochs, config, queue_order,
                         queued_at, started_at, finished_at, status, device, backend, error)
       VALUES (1, 1, 1, 0, 7, NULL, 4, '{}', 1, 100, 200, 900, 'succeeded', 'cpu:0', 'wasm', NULL),
              (2, 1, 1, 1, 8, NULL, 4, '{}', 2, 100, NULL, NULL, 'queued', NULL, NULL, NULL)`,
      ).run();
      db.prepare(
        `INSERT INTO run_attempts (run_id, attempt, queued_at, started_at, ended_at, status)
       VALUES (1, 1, 100, 200, 900, 'succeeded')`,
      ).run();
      db.prepare(`INSERT INTO metric_keys (id, name) VALUES (1, 'val.mse')`).run();
      db.prepare(
        `INSERT INTO run_metric_summary (run_id, key_id, best_value, best_step, best_epoch, last_value,
                                       last_step, last_epoch, point_count)
       VALUES (1, 1, 0.5, 3, 3, 0.6, 4, 4, 4)`,
      ).run();
    },
    'counts',
  );
}

describe('migration 0007 (metric notes)', () => {
  it('adds an empty notes table and keeps the runs, attempts and summaries', () => {
    const db = databaseAtVersion6();
    expect(migrate(db, { to: 7 })).toEqual([7]);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(db.prepare('SELECT count(*) FROM run_metric_notes').pluck().get()).toBe(0);
    expect(db.prepare('SELECT id, status FROM runs ORDER BY id').all()).toEqual([
      { id: 1, status: 'succeeded' },
      { id: 2, status: 'queued' },
    ]);
    expect(db.prepare('SELECT run_id, attempt, status FROM run_attempts').all()).toEqual([
      { run_id: 1, attempt: 1, status: 'succeeded' },
    ]);
    expect(db.prepare('SELECT run_id, last_value FROM run_metric_summary').all()).toEqual([
      { run_id: 1, last_value: 0.6 },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('is STRICT, holds one note per run, key and kind, and goes with its run', () => {
    const db = databaseAtVersion6();
    migrate(db, { to: 7 });
    const insert = (values: string) => () =>
      db
        .prepare(`INSERT INTO run_metric_notes (run_id, key, kind, note, epoch) VALUES ${values}`)
        .run();
    expect(insert(`(1, 'val.poissonDeviance', 'undefined', 'rates ≤ 0', 3)`)).not.toThrow();
    expect(insert(`(1, 'val.poissonDeviance', 'basis', 'all rows', 3)`)).not.toThrow();
    expect(insert(`(1, 'test.poissonDeviance', 'undefined', 'rates ≤ 0', NULL)`)).not.toThrow();
    expect(insert(`(1, 'val.poissonDeviance', 'undefined', 'again', 4)`)).toThrow(
      /UNIQUE constraint failed/,
    );
    expect(insert(`(1, 'val.auc', 'missing', 'x', 1)`)).toThrow(/CHECK constraint failed/);
    expect(insert(`(1, 'val.auc', 'undefined', '', 1)`)).toThrow(/CHECK constraint failed/);
    expect(insert(`(1, 'auc', 'undefined', 'x', 1)`)).toThrow(/CHECK constraint failed/);
    expect(insert(`(1, 'val.auc', 'undefined', 'x', -1)`)).toThrow(/CHECK constraint failed/);
    expect(insert(`(1, 'val.auc', 'undefined', 'x', 'one')`)).toThrow(/cannot store TEXT value/);
    expect(insert(`(99, 'val.auc', 'undefined', 'x', 1)`)).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare('DELETE FROM runs WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM run_metric_notes').pluck().get()).toBe(0);
    db.close();
  });
});
