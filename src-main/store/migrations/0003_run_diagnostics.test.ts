import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { migrate } from '../migrate';
import { databaseAtVersion } from '../testing/migration-fixture';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

/** A database at version 2 holding one experiment with two runs. */
function databaseAtVersion2(): Db {
  return databaseAtVersion(tempDir(), 2, (db) => {
    db.prepare(
      `INSERT INTO runs (id, experiment_id, spec_version, restart, seed, fold, epochs, config, queue_order, queued_at, status, test_metrics)
       VALUES (1, 1, 1, 0, 7, NULL, 10, '{}', 1, 0, 'succeeded', '{"test.accuracy":0.9}'),
              (2, 1, 1, 1, 8, NULL, 10, '{}', 2, 0, 'queued', NULL)`,
    ).run();
  });
}

const diagnostics = JSON.stringify({
  kind: 'regression',
  testCount: 1,
  actual: [1],
  predicted: [2],
});

describe('migration 0003 (run diagnostics)', () => {
  it('adds an empty run_diagnostics table and keeps the existing rows', () => {
    const db = databaseAtVersion2();
    expect(migrate(db, { to: 3 })).toEqual([3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT count(*) FROM run_diagnostics').pluck().get()).toBe(0);
    expect(db.prepare('SELECT id, status, test_metrics FROM runs ORDER BY id').all()).toEqual([
      { id: 1, status: 'succeeded', test_metrics: '{"test.accuracy":0.9}' },
      { id: 2, status: 'queued', test_metrics: null },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('holds one JSON object per existing run and enforces it', () => {
    const db = databaseAtVersion2();
    migrate(db);
    db.prepare('INSERT INTO run_diagnostics VALUES (1, ?)').run(diagnostics);
    const secondForRun = () =>
      db.prepare('INSERT INTO run_diagnostics VALUES (1, ?)').run(diagnostics);
    expect(secondForRun).toThrow(/UNIQUE constraint failed|PRIMARY KEY/);
    const orphan = () => db.prepare('INSERT INTO run_diagnostics VALUES (99, ?)').run(diagnostics);
    expect(orphan).toThrow(/FOREIGN KEY constraint failed/);
    const notJson = () => db.prepare(`INSERT INTO run_diagnostics VALUES (2, 'nope')`).run();
    expect(notJson).toThrow(/CHECK constraint failed/);
    const textId = () =>
      db.prepare(`INSERT INTO run_diagnostics VALUES ('two', ?)`).run(diagnostics);
    expect(textId).toThrow(/datatype mismatch|cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('cascades a run delete to its diagnostics', () => {
    const db = databaseAtVersion2();
    migrate(db);
    db.prepare('INSERT INTO run_diagnostics VALUES (1, ?)').run(diagnostics);
    db.prepare('DELETE FROM runs WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM run_diagnostics').pluck().get()).toBe(0);
    db.close();
  });
});
