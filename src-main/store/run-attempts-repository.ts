import type { RunAttempt } from '@shared/contract/runs';
import { SLURM_SLOT_PREFIX } from '@shared/scheduling/slurm-slots';
import { isoTime, isoTimeOrNull } from './columns';
import type { Db } from './database';
import type { FinishedStatus } from './runs-repository';

interface Row {
  attempt: number;
  queued_at: number;
  started_at: number | null;
  ended_at: number | null;
  status: FinishedStatus | null;
  epoch: number | null;
  device: string | null;
  backend: string | null;
  reason: string | null;
  slurm_job_id: string | null;
}

function fromRow(row: Row): RunAttempt {
  return {
    attempt: row.attempt,
    queuedAt: isoTime(row.queued_at),
    startedAt: isoTimeOrNull(row.started_at),
    endedAt: isoTimeOrNull(row.ended_at),
    status: row.status,
    epoch: row.epoch,
    device: row.device,
    backend: row.backend,
    reason: row.reason,
    slurmJobId: row.slurm_job_id,
  };
}

/** Why an attempt the lab found still running when it opened ended. */
export const LAB_STOPPED_REASON =
  'The lab stopped while this attempt was training; the next lab found it unfinished.';

/** The last epoch the store holds for the run, read from the summary table (never the curves). */
const epochReached = '(SELECT max(last_epoch) FROM run_metric_summary WHERE run_id = @runId)';

/**
 * The attempts of each run (migration 0006). The runs repository opens and closes them in the same
 * transaction as the status change that starts or ends an attempt, and the Slurm jobs repository
 * splits an attempt when Slurm's job is resubmitted, so no path that moves a run can forget one.
 */
export function createRunAttemptsRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO run_attempts (run_id, attempt, queued_at, started_at, device, backend, slurm_job_id)
    VALUES (@runId, coalesce((SELECT max(attempt) FROM run_attempts WHERE run_id = @runId), 0) + 1,
            @queuedAt, @startedAt, @device, @backend, @slurmJobId)`);
  const queuedAt = db.prepare<[number], number>('SELECT queued_at FROM runs WHERE id = ?').pluck();
  const newestSlurmJob = db.prepare<[number], { job_id: string; node: string | null }>(
    'SELECT job_id, node FROM slurm_jobs WHERE run_id = ? ORDER BY attempt DESC LIMIT 1',
  );
  const close = db.prepare(`
    UPDATE run_attempts SET ended_at = @now, status = @status, reason = @reason, epoch = ${epochReached}
    WHERE run_id = @runId AND ended_at IS NULL`);
  const selectOpen = db.prepare<[number], Row>(
    'SELECT * FROM run_attempts WHERE run_id = ? AND ended_at IS NULL',
  );
  const slurmJobDetail = db
    .prepare<[number, string], string>(
      'SELECT detail FROM slurm_jobs WHERE run_id = ? AND job_id = ?',
    )
    .pluck();
  const slurmJobStarted = db.prepare(`
    UPDATE run_attempts SET started_at = coalesce(started_at, @now), device = coalesce(@node, device)
    WHERE run_id = @runId AND slurm_job_id = @jobId AND ended_at IS NULL`);
  const byRun = db.prepare<[number], Row>(
    'SELECT * FROM run_attempts WHERE run_id = ? ORDER BY attempt',
  );

  return {
    /** The run became running on `placement`: a new attempt, queued when the run last was. */
    started(runId: number, placement: { backend: string; device: string }, now: number): void {
      // Slurm's job is submitted (and its node known) before the trainer reports ready, so the
      // newest job is this attempt's, and its node says more than the pool's slot name.
      const job = placement.device.startsWith(SLURM_SLOT_PREFIX)
        ? newestSlurmJob.get(runId)
        : undefined;
      insert.run({
        runId,
        queuedAt: queuedAt.get(runId) ?? now,
        startedAt: now,
        device: job?.node ?? placement.device,
        backend: placement.backend,
        slurmJobId: job?.job_id ?? null,
      });
    },

    /** The attempt under way ended with the run's status; the epoch reached is what is stored. */
    ended(runId: number, status: FinishedStatus, reason: string | null, now: number): void {
      close.run({ runId, status, reason, now });
    },

    /**
     * Slurm took a new job for the run. When the attempt under way had another job (ended by
     * TIMEOUT, NODE_FAIL or PREEMPTED and resubmitted to resume), that attempt ended interrupted
     * and the new job is the next attempt, on the same run session.
     */
    slurmJobSubmitted(runId: number, jobId: string, now: number): void {
      const open = selectOpen.get(runId);
      if (open === undefined || open.slurm_job_id === null || open.slurm_job_id === jobId) return;
      const detail = slurmJobDetail.get(runId, open.slurm_job_id) ?? 'ended';
      close.run({
        runId,
        status: 'interrupted',
        reason: `Slurm job ${open.slurm_job_id} ended (${detail}); resubmitted as job ${jobId} to resume.`,
        now,
      });
      insert.run({
        runId,
        queuedAt: now,
        startedAt: null,
        device: open.device,
        backend: open.backend,
        slurmJobId: jobId,
      });
    },

    /** Slurm's job began running on `node`: its attempt started there. */
    slurmJobRunning(runId: number, jobId: string, node: string | null, now: number): void {
      slurmJobStarted.run({ runId, jobId, node, now });
    },

    /** Every attempt of the run, first first; empty for a run that never started. */
    listForRun(runId: number): RunAttempt[] {
      return byRun.all(runId).map(fromRow);
    },
  };
}

export type RunAttemptsRepository = ReturnType<typeof createRunAttemptsRepository>;
