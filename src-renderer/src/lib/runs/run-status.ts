import type { RunStatus, RunSummary } from '@shared/contract/runs';

export const statusLabels: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  diverged: 'Diverged',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** How a status is coloured: still going, done well, went wrong, or stopped on purpose. */
export type StatusTone = 'active' | 'good' | 'bad' | 'neutral';

export const statusTones: Record<RunStatus, StatusTone> = {
  queued: 'neutral',
  running: 'active',
  succeeded: 'good',
  failed: 'bad',
  diverged: 'bad',
  cancelled: 'neutral',
  interrupted: 'bad',
};

export function isWaitingOrRunning(status: RunStatus): boolean {
  return status === 'queued' || status === 'running';
}

/** A run that ended badly or was stopped can be queued again from scratch. */
export function canRetry(status: RunStatus): boolean {
  return (
    status === 'failed' ||
    status === 'diverged' ||
    status === 'cancelled' ||
    status === 'interrupted'
  );
}

/** Cancelled and interrupted runs keep a resume checkpoint and can continue where they stopped. */
export function canResume(status: RunStatus): boolean {
  return status === 'cancelled' || status === 'interrupted';
}

/** "restart 2", "restart 2 · fold 1": which member of its experiment a run is. */
export function describeMember(run: Pick<RunSummary, 'restart' | 'fold'>): string {
  return run.fold === null
    ? `restart ${run.restart + 1}`
    : `restart ${run.restart + 1} · fold ${run.fold + 1}`;
}

/** A span of time in the largest two units that matter: "1 h 04 min", "3 min 05 s", "12 s". */
export function describeDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  if (hours > 0) return `${hours} h ${two(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${two(rest)} s`;
  return `${rest} s`;
}

/** What the run table knows about a run's pace, from its last epoch event or its record. */
export interface Pace {
  epoch: number;
  epochs: number;
  /** Time left when `measuredAt` was; null before the first epoch. */
  etaMs: number | null;
  /** Epoch-clock milliseconds (Date.now()) of the measurement. */
  measuredAt: number;
}

/**
 * The pace of a run as its record shows it (used until its next epoch event arrives, e.g. after a
 * reload): time per epoch so far, times the epochs left.
 */
export function paceFromRecord(run: RunSummary, now: number): Pace | null {
  if (run.status !== 'running') return null;
  const epoch = run.epoch ?? 0;
  const started = run.startedAt === null ? Number.NaN : Date.parse(run.startedAt);
  const elapsed = now - started;
  const etaMs =
    epoch > 0 && Number.isFinite(elapsed) ? (elapsed / epoch) * (run.epochs - epoch) : null;
  return { epoch, epochs: run.epochs, etaMs, measuredAt: now };
}

/** Time left now, counting down from the last measurement; null when it cannot be told yet. */
export function remainingMs(pace: Pace, now: number): number | null {
  if (pace.etaMs === null) return null;
  return Math.max(0, pace.etaMs - (now - pace.measuredAt));
}
