import type { Migration } from './migration';

/**
 * Every attempt of a run: the first start, each resume or retry a person asked for, and each
 * automatic Slurm resubmission after TIMEOUT, NODE_FAIL or PREEMPTED. The run row keeps only its
 * first start and latest queueing, so without this table a resumed run's timeline cannot say when
 * each attempt ran or where and why it stopped. An attempt with no end is the one under way.
 *
 * Runs that started before this migration get the one attempt their row still describes: ended
 * with the run's status when it finished, open while it runs, and ended at its requeueing with the
 * way it ended unknown (status NULL) when it waits to be resumed.
 */
export const runAttempts: Migration = {
  version: 6,
  name: 'run attempts',
  up(db) {
    db.exec(`
      CREATE TABLE run_attempts (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL CHECK (attempt >= 1),
        queued_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        status TEXT CHECK (status IN ('succeeded', 'failed', 'diverged', 'cancelled', 'interrupted')),
        epoch INTEGER CHECK (epoch >= 0),
        device TEXT,
        backend TEXT,
        reason TEXT,
        slurm_job_id TEXT CHECK (slurm_job_id GLOB '[0-9]*'),
        PRIMARY KEY (run_id, attempt),
        CHECK (status IS NULL OR ended_at IS NOT NULL)
      ) STRICT;

      INSERT INTO run_attempts (run_id, attempt, queued_at, started_at, ended_at, status, epoch,
                                device, backend, reason, slurm_job_id)
      SELECT r.id, 1, min(r.queued_at, r.started_at), r.started_at,
        CASE WHEN r.status = 'running' THEN NULL
             WHEN r.status = 'queued' THEN r.queued_at
             ELSE coalesce(r.finished_at, r.started_at) END,
        CASE WHEN r.status IN ('running', 'queued') THEN NULL ELSE r.status END,
        (SELECT max(last_epoch) FROM run_metric_summary WHERE run_id = r.id),
        r.device, r.backend, coalesce(r.error, r.diagnosis),
        (SELECT job_id FROM slurm_jobs WHERE run_id = r.id ORDER BY attempt DESC LIMIT 1)
      FROM runs r WHERE r.started_at IS NOT NULL;
    `);
  },
};
