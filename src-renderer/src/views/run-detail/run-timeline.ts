import type { RunAttempt, RunDetail } from '@shared/contract/runs';

export interface Moment {
  kind: 'queued' | 'started' | 'ended';
  label: string;
  at: string;
}

/** One attempt of a run as the timeline shows it. */
export interface AttemptEntry {
  /** 1-based, as people count attempts. */
  number: number;
  state: 'ended' | 'running' | 'waiting';
  moments: Moment[];
  /** "cpu:0 · wasm · Slurm job 12_0"; null before it was placed. */
  where: string | null;
  /** "Interrupted at epoch 3 of 10"; null while under way. */
  outcome: string | null;
  reason: string | null;
}

const outcomeWords: Record<NonNullable<RunAttempt['status']>, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  diverged: 'Diverged',
  cancelled: 'Was cancelled',
  interrupted: 'Was interrupted',
};

function reached(epoch: number | null, epochs: number): string {
  return epoch === null || epoch === 0
    ? 'before its first epoch'
    : `at epoch ${epoch} of ${epochs}`;
}

function whereOf(attempt: RunAttempt): string | null {
  const parts = [
    attempt.device,
    attempt.backend === 'none' ? null : attempt.backend,
    attempt.slurmJobId === null ? null : `Slurm job ${attempt.slurmJobId}`,
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? null : parts.join(' · ');
}

function entryOf(attempt: RunAttempt, epochs: number): AttemptEntry {
  const moments: Moment[] = [{ kind: 'queued', label: 'Queued', at: attempt.queuedAt }];
  if (attempt.startedAt !== null)
    moments.push({ kind: 'started', label: 'Started', at: attempt.startedAt });
  if (attempt.endedAt !== null)
    moments.push({ kind: 'ended', label: 'Ended', at: attempt.endedAt });
  const where = whereOf(attempt);
  if (attempt.endedAt === null) {
    return {
      number: attempt.attempt,
      state: attempt.startedAt === null ? 'waiting' : 'running',
      moments,
      where,
      outcome: null,
      reason: null,
    };
  }
  const outcome =
    attempt.status === null
      ? `Ended ${reached(attempt.epoch, epochs)}; how was not recorded (before Basin kept attempts)`
      : `${outcomeWords[attempt.status]} ${reached(attempt.epoch, epochs)}`;
  return {
    number: attempt.attempt,
    state: 'ended',
    moments,
    where,
    outcome,
    reason: attempt.reason,
  };
}

/**
 * A run's attempts in the order they began, each with its own queued, started and ended times, so a
 * resumed run reads as attempt 1 (interrupted at epoch N) then attempt 2, never as a queueing later
 * than its start. A run queued again and not yet started shows that next attempt as waiting.
 */
export function runTimeline(
  run: Pick<RunDetail, 'status' | 'queuedAt' | 'epochs'>,
  attempts: readonly RunAttempt[],
): AttemptEntry[] {
  const entries = attempts.map((attempt) => entryOf(attempt, run.epochs));
  const last = attempts.at(-1);
  if (run.status === 'queued' && (last === undefined || last.endedAt !== null)) {
    entries.push({
      number: attempts.length + 1,
      state: 'waiting',
      moments: [{ kind: 'queued', label: 'Queued', at: run.queuedAt }],
      where: null,
      outcome: null,
      reason: null,
    });
  }
  return entries;
}
