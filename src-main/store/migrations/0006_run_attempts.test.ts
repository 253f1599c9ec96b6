import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { migrate } from '../migrate';
import { databaseAtVersion } from '../testing/migration-fixture';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

/**
 * A database at version 5: one experiment whose four runs are finished, running, waiting to be
 * resumed after a first attempt, and never started; the finished one trained on Slurm.
 */
function databaseAtVersion5(): Db {
  return databaseAtVersion(tempDir(), 5, (db) => {
    db.prepare(
      `INSERT INTO runs (id, experiment_id, spec_version, restart, seed, fold, epochs, config, queue_order,
                         queued_at, started_at, finished_at, status, device, backend, error)
       VALUES (1, 1, 1, 0, 7, NULL, 10, '{}', 1, 100, 200, 900, 'failed', 'slurm:0', 'wasm', 'boom'),
              (2, 1, 1, 1, 8, NULL, 10, '{}', 2, 100, 300, NULL, 'running', 'cpu:0', 'wasm', NULL),
              (3, 1, 1, 2, 9, NULL, 10, '{}', 3, 700, 400, NULL, 'queued', NULL, NULL, NULL),
              (4, 1, 1, 3, 10, NULL, 10, '{}', 4, 100, NULL, NULL, 'queued', NULL, NULL, NULL)`,
    ).run();
    db.prepare(`INSERT INTO metric_keys (id, name) VALUES (1, 'val.loss')`).run();
    db.prepare(
      `INSERT INTO run_metric_summary (run_id, key_id, best_value, best_step, best_epoch, last_value,
                                       last_step, last_epoch, point_count)
       VALUES (1, 1, 0.5, 3, 3, 0.6, 4, 4, 4), (3, 1, 0.7, 1, 1, 0.7, 1, 2, 2)`,
    ).run();
    db.prepare(
      `INSERT INTO slurm_jobs (run_id, attempt, job_id, token, node, gpus, state, detail, submitted_at, updated_at)
       VALUES (1, 1, '12_0', 'tttttttttttttttt', 'vm', NULL, 'FAILED', 'x', 150, 900)`,
    ).run();
  });
}

const attemptsOf = (db: Db) =>
  db
    .prepare(
      `SELECT run_id, attempt, queued_at, started_at, ended_at, status, epoch, device, backend, reason,
              slurm_job_id FROM run_attempts ORDER BY run_id, attempt`,
    )
    .all();

describe('migration 0006 (run attempts)', () => {
  it('gives every run that started the one attempt its row describes, and keeps the runs', () => {
    const db = databaseAtVersion5();
    expect(migrate(db, { to: 6 })).toEqual([6]);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(attemptsOf(db)).toEqual([
      {
        run_id: 1,
        attempt: 1,
        queued_at: 100,
        started_at: 200,
        ended_at: 900,
        status: 'failed',
        epoch: 4,
        device: 'slurm:0',
        backend: 'wasm',
        reason: 'boom',
        slurm_job_id: '12_0',
      },
      {
        run_id: 2,
        attempt: 1,
        queued_at: 100,
        started_at: 300,
        ended_at: null,
        status: null,
        epoch: null,
        device: 'cpu:0',
        backend: 'wasm',
        reason: null,
        slurm_job_id: null,
      },
      // Requeued after its first start: that attempt ended when it was queued again, how unknown.
      {
        run_id: 3,
        attempt: 1,
        queued_at: 400,
        started_at: 400,
        ended_at: 700,
        status: null,
        epoch: 2,
        device: null,
        backend: null,
        reason: null,
        slurm_job_id: null,
      },
    ]);
    expect(db.prepare('SELECT id, status FROM runs ORDER BY id').all()).toEqual([
      { id: 1, status: 'failed' },
      { id: 2, status: 'running' },
      { id: 3, status: 'queued' },
      { id: 4, status: 'queued' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('is STRICT, numbers attempts from 1 once per run, and goes with its run', () => {
    const db = databaseAtVersion5();
    migrate(db, { to: 6 });
    const insert = (values: string) => () =>
      db
        .prepare(
          `INSERT INTO run_attempts (run_id, attempt, queued_at, started_at, ended_at, status, slurm_job_id) VALUES ${values}`,
        )
        .run();
    expect(insert(`(4, 1, 0, 1, NULL, NULL, NULL)`)).not.toThrow();
    expect(insert(`(4, 1, 0, 1, NULL, NULL, NULL)`)).toThrow(/UNIQUE constraint failed/);
    expect(insert(`(4, 0, 0, 1, NULL, NULL, NULL)`)).toThrow(/CHECK constraint failed/);
    expect(insert(`(4, 2, 'soon', 1, NULL, NULL, NULL)`)).toThrow(/cannot store TEXT value/);
    expect(insert(`(4, 2, 0, 1, NULL, 'running', NULL)`)).toThrow(/CHECK constraint failed/);
    expect(insert(`(4, 2, 0, 1, NULL, 'failed', NULL)`)).toThrow(/CHECK constraint failed/);
    expect(insert(`(4, 2, 0, 1, 5, 'failed', 'abc')`)).toThrow(/CHECK constraint failed/);
    expect(insert(`(99, 1, 0, 1, NULL, NULL, NULL)`)).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare('DELETE FROM runs WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM run_attempts WHERE run_id = 1').pluck().get()).toBe(0);
    db.close();
  });
});
