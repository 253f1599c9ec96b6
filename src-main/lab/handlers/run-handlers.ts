import { LabError } from '@shared/contract/envelope';
import type { LabHandlers } from '@shared/contract/lab-api';
import type { RunDetail, RunSummary } from '@shared/contract/runs';
import type { LabContext } from '../lab-context';
import { readRunEngine } from '../run-engine-file';
import { removeRunFolder } from '../run-folders';
import { emitRunStatus } from '../trainer-session';

type RunHandlers = Pick<
  LabHandlers,
  | 'runs.list'
  | 'runs.get'
  | 'runs.cancel'
  | 'runs.retry'
  | 'runs.resume'
  | 'runs.diagnostics'
  | 'runs.engine'
>;

export function runHandlers(lab: LabContext): RunHandlers {
  const { store, scheduler, events } = lab;

  function summary(runId: number): RunSummary {
    store.runs.get(runId); // a run that does not exist is not_found
    const [found] = store.queries.runTable({ runId, limit: 1, offset: 0 }).runs;
    if (found === undefined) throw new Error(`Run ${runId} is missing from the run table`);
    return found;
  }

  function detail(runId: number): RunDetail {
    const run = store.runs.get(runId);
    return {
      ...summary(runId),
      config: run.config,
      checkpoints: store.checkpoints
        .listForRun(runId)
        .map(({ kind, epoch, path, metrics, createdAt }) => ({
          kind,
          epoch,
          path,
          metrics,
          createdAt,
        })),
      testMetrics: run.testMetrics,
      selected: run.selectedCandidate,
      attempts: store.runAttempts.listForRun(runId),
      metricNotes: store.metricNotes.listForRun(runId),
    };
  }

  /** Puts a finished run back in the queue; `retry` first forgets everything it wrote. */
  async function requeue(runId: number, mode: 'retry' | 'resume'): Promise<RunSummary> {
    const run = store.runs.requeue(runId, mode);
    if (mode === 'retry') await removeRunFolder(lab.dataDir, runId);
    emitRunStatus(events, run);
    scheduler.poke();
    return summary(runId);
  }

  return {
    'runs.list': async (query) => store.queries.runTable(query),

    'runs.get': async ({ id }) => detail(id),

    'runs.cancel': async ({ id }) => {
      const run = store.runs.get(id);
      if (!scheduler.isActive(id) && run.status !== 'queued') {
        throw new LabError(
          'conflict',
          `Run ${id} is ${run.status}; only a queued or running run can be cancelled.`,
        );
      }
      const cancelled = scheduler.cancel(id);
      if (cancelled !== null) emitRunStatus(events, cancelled);
      return summary(id);
    },

    'runs.retry': async ({ id }) => requeue(id, 'retry'),

    /** Continues from the run's last resume checkpoint, or from the start when it has none. */
    'runs.resume': async ({ id }) => requeue(id, 'resume'),

    'runs.diagnostics': async ({ id }) => {
      store.runs.get(id); // a run that does not exist is an error, not "no diagnostics"
      return store.runDiagnostics.get(id);
    },

    'runs.engine': async ({ id }) => {
      store.runs.get(id); // a run that does not exist is an error, not "no engine yet"
      return readRunEngine(lab.dataDir, id);
    },
  };
}
