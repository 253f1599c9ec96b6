import { LabError } from '@shared/contract/envelope';
import type { RunStatus } from '@shared/contract/runs';
import type { CandidateKind } from '@shared/contract/trainer-protocol';
import type { PlannedRun } from '@shared/experiment/runs';
import type { ResolvedSpec } from '@shared/experiment/spec';
import type { MetricValues } from './metric-values';
import type { Clock } from './clock';
import { isoTime, isoTimeOrNull, jsonColumn, jsonColumnOrNull } from './columns';
import type { Db } from './database';
import { createRunAttemptsRepository, LAB_STOPPED_REASON } from './run-attempts-repository';
import { allowedTransitions, sourcesOf } from './run-transitions';

/** One run as the scheduler and the trainer launcher see it. */
export interface RunRecord {
  id: number;
  experimentId: number;
  specVersion: number;
  restart: number;
  seed: number;
  fold: number | null;
  epochs: number;
  /** The fully defaulted spec this run trains with. */
  config: ResolvedSpec;
  status: RunStatus;
  backend: string | null;
  device: string | null;
  priority: number;
  queueOrder: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  diagnosis: string | null;
  selectedCandidate: CandidateKind | null;
  testMetrics: MetricValues | null;
  tags: string[];
}

/** A run to queue: one restart (and fold) of an experiment's spec version, from `expandRuns`. */
export type NewRun = Pick<PlannedRun, 'restart' | 'fold' | 'seed' | 'config'>;

export interface QueuedRun {
  id: number;
  priority: number;
  queueOrder: number;
}

export type FinishedStatus = 'succeeded' | 'failed' | 'diverged' | 'cancelled' | 'interrupted';

interface RunRow {
  id: number;
  experiment_id: number;
  spec_version: number;
  restart: number;
  seed: number;
  fold: number | null;
  epochs: number;
  config: string;
  status: RunStatus;
  backend: string | null;
  device: string | null;
  priority: number;
  queue_order: number;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  error: string | null;
  diagnosis: string | null;
  selected_candidate: CandidateKind | null;
  test_metrics: string | null;
  tags: string;
}

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    specVersion: row.spec_version,
    restart: row.restart,
    seed: row.seed,
    fold: row.fold,
    epochs: row.epochs,
    config: jsonColumn<ResolvedSpec>(row.config),
    status: row.status,
    backend: row.backend,
    device: row.device,
    priority: row.priority,
    queueOrder: row.queue_order,
    queuedAt: isoTime(row.queued_at),
    startedAt: isoTimeOrNull(row.started_at),
    finishedAt: isoTimeOrNull(row.finished_at),
    error: row.error,
    diagnosis: row.diagnosis,
    selectedCandidate: row.selected_candidate,
    testMetrics: jsonColumnOrNull<MetricValues>(row.test_metrics),
    tags: jsonColumn<string[]>(row.tags),
  };
}

const nextQueueOrder = '(SELECT coalesce(max(queue_order), 0) + 1 FROM runs)';

/**
 * Runs and their lifecycle. Every status change goes through one guarded UPDATE that only matches
 * a run in a status allowed to make that move, so two callers racing cannot both win.
 */
export function createRunsRepository(db: Db, clock: Clock) {
  const attempts = createRunAttemptsRepository(db);
  const insertRun = db.prepare(`
    INSERT INTO runs (experiment_id, spec_version, restart, seed, fold, epochs, config, priority,
                      queue_order, queued_at, tags)
    VALUES (@experimentId, @specVersion, @restart, @seed, @fold, @epochs, @config, @priority,
            ${nextQueueOrder}, @now, @tags)`);
  const selectRun = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?');
  const selectForExperiment = db.prepare<[number], RunRow>(
    'SELECT * FROM runs WHERE experiment_id = ? ORDER BY restart, fold, id',
  );
  const selectQueue = db.prepare<[], { id: number; priority: number; queue_order: number }>(
    `SELECT id, priority, queue_order FROM runs WHERE status = 'queued'
     ORDER BY priority DESC, queue_order, id`,
  );
  const updatePosition = db.prepare(
    `UPDATE runs SET priority = ?, queue_order = ? WHERE id = ? AND status = 'queued'`,
  );
  const toRunning = db.prepare(`
    UPDATE runs SET status = 'running', backend = @backend, device = @device,
      started_at = coalesce(started_at, @now)
    WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`);
  const toFinished = db.prepare(`
    UPDATE runs SET status = @status, finished_at = @now, error = @error, diagnosis = @diagnosis
    WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`);
  const toInterrupted = db.prepare<[], { id: number }>(
    `UPDATE runs SET status = 'interrupted' WHERE status = 'running' RETURNING id`,
  );
  const toQueued = db.prepare(`
    UPDATE runs SET status = 'queued', queued_at = @now, queue_order = ${nextQueueOrder},
      finished_at = NULL, error = NULL, diagnosis = NULL, selected_candidate = NULL,
      test_metrics = NULL
    WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`);
  const forgetStart = db.prepare(
    'UPDATE runs SET started_at = NULL, backend = NULL, device = NULL WHERE id = ?',
  );
  const clearOutputs = [
    'DELETE FROM metrics WHERE run_id = @id',
    'DELETE FROM run_metric_summary WHERE run_id = @id',
    'DELETE FROM curve_blocks WHERE run_id = @id',
    'DELETE FROM checkpoints WHERE run_id = @id',
    'DELETE FROM run_diagnostics WHERE run_id = @id',
    'DELETE FROM run_metric_notes WHERE run_id = @id',
    // A deep ensemble was built from this run's old model, so it goes too.
    `DELETE FROM ensembles WHERE run_id = @id
       OR (kind = 'deep' AND experiment_id = (SELECT experiment_id FROM runs WHERE id = @id))`,
  ].map((sql) => db.prepare(sql));
  const updateSelection = db.prepare(
    'UPDATE runs SET selected_candidate = ?, test_metrics = ? WHERE id = ?',
  );
  const updateTags = db.prepare('UPDATE runs SET tags = ? WHERE id = ?');
  const updatePriority = db.prepare(`UPDATE runs SET priority = ? WHERE id = ?`);

  function get(id: number): RunRecord {
    const row = selectRun.get(id);
    if (row === undefined) throw new LabError('not_found', `There is no run ${id}.`);
    return toRun(row);
  }

  /** Turns a guarded UPDATE that matched nothing into the reason. */
  function moved(id: number, to: RunStatus, changes: number): RunRecord {
    const run = get(id);
    if (changes === 0) {
      const from = sourcesOf(to);
      throw new LabError(
        'conflict',
        `Run ${id} is ${run.status}; only a run that is ${from.join(' or ')} can become ${to}.`,
        { runId: id, status: run.status, allowed: allowedTransitions[run.status] },
      );
    }
    return run;
  }

  return {
    get,

    /** Queues the runs at the end of the queue; they carry the spec's epochs and tags. */
    createQueued: db.transaction(
      (
        experimentId: number,
        specVersion: number,
        runs: readonly NewRun[],
        priority = 0,
      ): RunRecord[] => {
        const now = clock();
        return runs.map((run) => {
          const result = insertRun.run({
            experimentId,
            specVersion,
            restart: run.restart,
            seed: run.seed,
            fold: run.fold,
            epochs: run.config.training.epochs,
            config: JSON.stringify(run.config),
            priority,
            now,
            tags: JSON.stringify(run.config.tags),
          });
          return get(Number(result.lastInsertRowid));
        });
      },
    ),

    /** The experiment's runs by restart, then fold. */
    listForExperiment(experimentId: number): RunRecord[] {
      return selectForExperiment.all(experimentId).map(toRun);
    },

    /** Queued runs in the order they start: priority high to low, then queue order. */
    queue(): QueuedRun[] {
      return selectQueue
        .all()
        .map((row) => ({ id: row.id, priority: row.priority, queueOrder: row.queue_order }));
    },

    /** Stores new priorities and positions of queued runs, e.g. after a reorder. */
    setQueuePositions: db.transaction(
      (changes: readonly { runId: number; priority: number; position: number }[]): void => {
        for (const change of changes) {
          updatePosition.run(change.priority, change.position, change.runId);
        }
      },
    ),

    setPriority(id: number, priority: number): RunRecord {
      if (updatePriority.run(priority, id).changes === 0) get(id);
      return get(id);
    },

    /** Running on `placement`: a new attempt begins. */
    start: db.transaction((id: number, placement: { backend: string; device: string }) => {
      const now = clock();
      const { changes } = toRunning.run({
        id,
        ...placement,
        now,
        from: JSON.stringify(sourcesOf('running')),
      });
      const run = moved(id, 'running', changes);
      attempts.started(id, placement, now);
      return run;
    }),

    /** The run's final status, which is also how its attempt under way ended. */
    finish: db.transaction(
      (
        id: number,
        status: FinishedStatus,
        outcome: { error?: string | null; diagnosis?: string | null } = {},
      ): RunRecord => {
        const error = outcome.error ?? null;
        const diagnosis = outcome.diagnosis ?? null;
        const now = clock();
        const { changes } = toFinished.run({
          id,
          status,
          now,
          error,
          diagnosis,
          from: JSON.stringify(sourcesOf(status)),
        });
        const run = moved(id, status, changes);
        attempts.ended(id, status, error ?? diagnosis, now);
        return run;
      },
    ),

    /** At startup: runs a crashed lab left `running` become `interrupted`. Returns their ids. */
    interruptRunning: db.transaction((): number[] => {
      const ids = toInterrupted.all().map((row) => row.id);
      const now = clock();
      for (const id of ids) attempts.ended(id, 'interrupted', LAB_STOPPED_REASON, now);
      return ids;
    }),

    /**
     * Puts a finished run back at the end of the queue. `resume` keeps its metrics and checkpoints
     * so it continues from its resume checkpoint; `retry` clears everything it produced.
     */
    requeue: db.transaction((id: number, mode: 'resume' | 'retry'): RunRecord => {
      const { changes } = toQueued.run({
        id,
        now: clock(),
        from: JSON.stringify(sourcesOf('queued')),
      });
      const run = moved(id, 'queued', changes);
      if (mode === 'resume') return run;
      forgetStart.run(id);
      for (const statement of clearOutputs) statement.run({ id });
      return get(id);
    }),

    /** The model the run picked by validation, and its test-split metrics. */
    recordSelection(id: number, candidate: CandidateKind, testMetrics: MetricValues): RunRecord {
      if (updateSelection.run(candidate, JSON.stringify(testMetrics), id).changes === 0) get(id);
      return get(id);
    },

    setTags(id: number, tags: readonly string[]): RunRecord {
      if (updateTags.run(JSON.stringify(tags), id).changes === 0) get(id);
      return get(id);
    },
  };
}

export type RunsRepository = ReturnType<typeof createRunsRepository>;
