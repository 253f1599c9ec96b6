import type { RunSummary } from '@shared/contract/runs';

export interface Moment {
  kind: 'queued' | 'started' | 'requeued' | 'finished';
  label: string;
  at: string;
}

/**
 * A run's moments in the order they happened. The record keeps the first start and the latest
 * queueing, so after a resume or retry the queueing comes after the start: it is shown as the run
 * being queued again rather than as a first queueing later than the start.
 */
export function runTimeline(
  run: Pick<RunSummary, 'queuedAt' | 'startedAt' | 'finishedAt' | 'status'>,
): Moment[] {
  const queuedAgain =
    run.startedAt !== null && Date.parse(run.queuedAt) > Date.parse(run.startedAt);
  const moments: Moment[] = [];
  if (!queuedAgain) moments.push({ kind: 'queued', label: 'Queued', at: run.queuedAt });
  if (run.startedAt !== null) {
    moments.push({
      kind: 'started',
      label: queuedAgain ? 'First started' : 'Started',
      at: run.startedAt,
    });
  }
  if (queuedAgain) moments.push({ kind: 'requeued', label: 'Queued again', at: run.queuedAt });
  if (run.finishedAt !== null && Date.parse(run.finishedAt) >= Date.parse(run.queuedAt)) {
    moments.push({ kind: 'finished', label: 'Ended', at: run.finishedAt });
  }
  return moments;
}
