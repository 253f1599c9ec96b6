import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { migrate } from '../migrate';
import { databaseAtVersion } from '../testing/migration-fixture';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

/** A database at version 4 holding one experiment with two runs. */
function databaseAtVersion4(): Db {
  return databaseAtVersion(tempDir(), 4, (db) => {
    db.prepare(
      `INSERT INTO runs (id, experiment_id, spec_version, restart, seed, fold, epochs, config, queue_order, queued_at, status)
       VALUES (1, 1, 1, 0, 7, NULL, 10, '{}', 1, 0, 'succeeded'),
              (2, 1, 1, 1, 8, NULL, 10, '{}', 2, 0, 'queued')`,
    ).run();
  });
}

const insert = `INSERT INTO slurm_jobs (run_id, attempt, job_id, token, node, gpus, state, detail, submitted_at, updated_at)`;

describe('migration 0005 (slurm jobs)', () => {
  it('adds an empty slurm_jobs table and keeps the existing rows', () => {
    const db = databaseAtVersion4();
    expect(migrate(db, { to: 5 })).toEqual([5]);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare('SELECT count(*) FROM slurm_jobs').pluck().get()).toBe(0);
    expect(db.prepare('SELECT id, status FROM runs ORDER BY id').all()).toEqual([
      { id: 1, status: 'succeeded' },
      { id: 2, status: 'queued' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('keeps one row per attempt, for existing runs, with a numeric job id', () => {
    const db = databaseAtVersion4();
    migrate(db, { to: 5 });
    db.prepare(
      `${insert} VALUES (1, 1, '12_3', 'tttttttttttttttt', 'vm', NULL, 'TIMEOUT', 'x', 0, 0)`,
    ).run();
    db.prepare(
      `${insert} VALUES (1, 2, '14_0', 'tttttttttttttttt', 'vm', '0', 'COMPLETED', 'x', 0, 0)`,
    ).run();
    const again = () =>
      db
        .prepare(
          `${insert} VALUES (1, 2, '15_0', 'tttttttttttttttt', NULL, NULL, 'PENDING', 'x', 0, 0)`,
        )
        .run();
    expect(again).toThrow(/UNIQUE constraint failed/);
    const orphan = () =>
      db
        .prepare(
          `${insert} VALUES (99, 1, '16_0', 'tttttttttttttttt', NULL, NULL, 'PENDING', 'x', 0, 0)`,
        )
        .run();
    expect(orphan).toThrow(/FOREIGN KEY constraint failed/);
    const notAJob = () =>
      db
        .prepare(
          `${insert} VALUES (2, 1, 'abc', 'tttttttttttttttt', NULL, NULL, 'PENDING', 'x', 0, 0)`,
        )
        .run();
    expect(notAJob).toThrow(/CHECK constraint failed/);
    const shortToken = () =>
      db
        .prepare(`${insert} VALUES (2, 1, '17_0', 'short', NULL, NULL, 'PENDING', 'x', 0, 0)`)
        .run();
    expect(shortToken).toThrow(/CHECK constraint failed/);
    db.prepare('DELETE FROM runs WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM slurm_jobs').pluck().get()).toBe(0);
    db.close();
  });
});
