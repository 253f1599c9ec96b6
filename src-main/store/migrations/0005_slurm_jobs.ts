import type { Migration } from './migration';

/**
 * The Slurm jobs a run was trained in, one row per attempt (the first submission, then each
 * automatic resume after TIMEOUT, NODE_FAIL or PREEMPTED), with the state the lab last saw: a
 * finished job stays visible to Slurm only for MinJobAge seconds, so the record is the lab's. The
 * token is the one the job's trainer proves its run with, so a restarted lab can take the job back.
 */
export const slurmJobs: Migration = {
  version: 5,
  name: 'slurm jobs',
  up(db) {
    db.exec(`
      CREATE TABLE slurm_jobs (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        attempt INTEGER NOT NULL CHECK (attempt >= 1),
        job_id TEXT NOT NULL CHECK (job_id GLOB '[0-9]*'),
        token TEXT NOT NULL CHECK (length(token) >= 16),
        node TEXT,
        gpus TEXT,
        state TEXT NOT NULL,
        detail TEXT NOT NULL,
        submitted_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, attempt)
      ) STRICT;
    `);
  },
};
