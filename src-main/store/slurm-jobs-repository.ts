import { isStillInSlurm, type SlurmJobToTakeBack } from '@shared/slurm/job-state';
import type { Clock } from './clock';
import type { Db } from './database';
import { createRunAttemptsRepository } from './run-attempts-repository';

/** One Slurm job a run was trained in, as the lab last saw it. */
export interface SlurmJobRecord {
  runId: number;
  attempt: number;
  /** "12_3" for task 3 of array job 12, "13" for a single job. */
  jobId: string;
  node: string | null;
  /** The CUDA_VISIBLE_DEVICES Slurm gave the task, or null when it got no GPU. */
  gpus: string | null;
  /** Slurm's state word (PENDING, RUNNING, TIMEOUT, ...). */
  state: string;
  /** A sentence for a person, e.g. "queued on cluster: Resources". */
  detail: string;
  submittedAt: number;
  updatedAt: number;
}

interface Row {
  run_id: number;
  attempt: number;
  job_id: string;
  node: string | null;
  gpus: string | null;
  state: string;
  detail: string;
  submitted_at: number;
  updated_at: number;
}

function fromRow(row: Row): SlurmJobRecord {
  return {
    runId: row.run_id,
    attempt: row.attempt,
    jobId: row.job_id,
    node: row.node,
    gpus: row.gpus,
    state: row.state,
    detail: row.detail,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}

/** The Slurm jobs of each run, one row per attempt (first submission, then each resume). */
export function createSlurmJobsRepository(db: Db, clock: Clock) {
  const attempts = createRunAttemptsRepository(db);
  const insert = db.prepare(`
    INSERT INTO slurm_jobs (run_id, attempt, job_id, token, node, gpus, state, detail, submitted_at, updated_at)
    VALUES (?, coalesce((SELECT max(attempt) FROM slurm_jobs WHERE run_id = ?), 0) + 1, ?, ?, NULL, NULL, 'PENDING', 'submitted', ?, ?)`);
  const update = db.prepare(`
    UPDATE slurm_jobs SET state = ?, detail = ?, node = coalesce(?, node), gpus = coalesce(?, gpus), updated_at = ?
    WHERE run_id = ? AND job_id = ?`);
  const newestOfActiveRuns = db.prepare<[], SlurmJobToTakeBack & { runStatus: string }>(`
    SELECT j.run_id AS runId, j.job_id AS jobId, j.token, j.attempt, r.status AS runStatus, j.state
    FROM slurm_jobs j JOIN runs r ON r.id = j.run_id AND r.status IN ('running', 'queued')
    WHERE j.attempt = (SELECT max(attempt) FROM slurm_jobs WHERE run_id = j.run_id)`);
  const newestOfExperiment = db.prepare<[number], Row>(`
    SELECT j.* FROM slurm_jobs j JOIN runs r ON r.id = j.run_id AND r.experiment_id = ?
    WHERE j.attempt = (SELECT max(attempt) FROM slurm_jobs WHERE run_id = j.run_id)
    ORDER BY j.run_id`);
  const byRun = db.prepare<[number], Row>(
    'SELECT * FROM slurm_jobs WHERE run_id = ? ORDER BY attempt',
  );

  return {
    /** A new job for the run; a resubmission also begins the run's next attempt. */
    submitted: db.transaction((runId: number, jobId: string, token: string): void => {
      const now = clock();
      insert.run(runId, runId, jobId, token, now, now);
      attempts.slurmJobSubmitted(runId, jobId, now);
    }),

    /**
     * The jobs a restarted lab takes back instead of losing, with their tokens: the newest job of
     * every run the lab had running, and of every queued run whose job was still waiting in Slurm
     * (a run is "running" once its trainer reports in). Read before running runs are interrupted.
     */
    jobsToTakeBack(): SlurmJobToTakeBack[] {
      return newestOfActiveRuns
        .all()
        .filter((job) => job.runStatus === 'running' || isStillInSlurm(job.state))
        .map(({ runId, jobId, token, attempt, state }) => ({
          runId,
          jobId,
          token,
          attempt,
          state,
        }));
    },

    seen: db.transaction(
      (
        runId: number,
        jobId: string,
        seen: { state: string; detail: string; node?: string | null; gpus?: string | null },
      ): void => {
        const now = clock();
        update.run(
          seen.state,
          seen.detail,
          seen.node ?? null,
          seen.gpus ?? null,
          now,
          runId,
          jobId,
        );
        if (seen.state === 'RUNNING')
          attempts.slurmJobRunning(runId, jobId, seen.node ?? null, now);
      },
    ),

    /** The newest job of each run of the experiment that went to Slurm. */
    newestForExperiment(experimentId: number): SlurmJobRecord[] {
      return newestOfExperiment.all(experimentId).map(fromRow);
    },

    /** Every attempt of the run, oldest first; empty for a run trained locally. */
    listForRun(runId: number): SlurmJobRecord[] {
      return byRun.all(runId).map(fromRow);
    },
  };
}

export type SlurmJobsRepository = ReturnType<typeof createSlurmJobsRepository>;
