import type { RunStatus } from '@shared/contract/runs';

/**
 * Where a run may go from each status. Finished runs other than succeeded go back to the queue only
 * when a person retries (from scratch) or resumes (from the resume checkpoint) them.
 */
export const allowedTransitions: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  queued: ['running', 'cancelled'],
  running: ['succeeded', 'failed', 'diverged', 'cancelled', 'interrupted'],
  succeeded: [],
  failed: ['queued'],
  diverged: ['queued'],
  cancelled: ['queued'],
  interrupted: ['queued'],
};

/** The statuses a run may be in to move to `to`. */
export function sourcesOf(to: RunStatus): RunStatus[] {
  return (Object.keys(allowedTransitions) as RunStatus[]).filter((from) =>
    allowedTransitions[from].includes(to),
  );
}
