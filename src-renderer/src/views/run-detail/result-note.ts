import type { RunSummary } from '@shared/contract/runs';

/** Why a run has no test-split result yet, in words that say what happened to it. */
export function resultNote(run: Pick<RunSummary, 'status' | 'epoch' | 'epochs'>): string {
  const reached = run.epoch === null ? 'before its first epoch' : `at epoch ${run.epoch}`;
  switch (run.status) {
    case 'queued':
    case 'running':
      return 'The test split is scored once, when the run has finished and chosen its model.';
    case 'interrupted':
      return `This run was interrupted ${reached} of ${run.epochs}, when the lab stopped. Resume continues from its last checkpoint; Retry starts it over.`;
    case 'cancelled':
      return `This run was cancelled ${reached} of ${run.epochs}. Resume continues from its last checkpoint; Retry starts it over.`;
    case 'failed':
      return `This run failed ${reached} of ${run.epochs}, before scoring the test split.`;
    case 'diverged':
      return `This run diverged ${reached} of ${run.epochs}, before scoring the test split.`;
    case 'succeeded':
      return 'This run finished without scoring the test split.';
  }
}
