import type { Clock } from './clock';
import { isoTime, jsonColumn } from './columns';
import type { Db } from './database';
import { checkMetricValues, type MetricValues } from './metric-values';

export type EnsembleKind = 'snapshot' | 'deep';

export interface EnsembleRecord {
  id: number;
  experimentId: number;
  /** The run whose snapshots form a snapshot ensemble; null for a deep ensemble. */
  runId: number | null;
  /** The cross-validation fold of a deep ensemble, or null. */
  fold: number | null;
  kind: EnsembleKind;
  /** Checkpoint ids of the member models. */
  members: number[];
  /** How member predictions are combined, e.g. "mean-probability". */
  rule: string;
  metrics: MetricValues;
  /** Snapshot ensembles: the validation metrics of the last m snapshots for m = 1 … members. */
  byMemberCount: MemberCountMetrics[];
  createdAt: string;
}

export interface MemberCountMetrics {
  members: number;
  metrics: MetricValues;
}

export interface NewEnsemble {
  members: readonly number[];
  rule: string;
  metrics: MetricValues;
  byMemberCount?: readonly MemberCountMetrics[];
}

interface EnsembleRow {
  id: number;
  experiment_id: number;
  run_id: number | null;
  fold: number | null;
  kind: EnsembleKind;
  members: string;
  rule: string;
  metrics: string;
  by_member_count: string;
  created_at: number;
}

function toEnsemble(row: EnsembleRow): EnsembleRecord {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    runId: row.run_id,
    fold: row.fold,
    kind: row.kind,
    members: jsonColumn<number[]>(row.members),
    rule: row.rule,
    metrics: jsonColumn<MetricValues>(row.metrics),
    byMemberCount: jsonColumn<MemberCountMetrics[]>(row.by_member_count),
    createdAt: isoTime(row.created_at),
  };
}

function checkMemberCounts(
  curve: readonly MemberCountMetrics[],
  where: string,
): readonly MemberCountMetrics[] {
  for (const point of curve) {
    if (!Number.isInteger(point.members) || point.members < 1) {
      throw new Error(
        `${where}: a member count must be a positive integer, received ${JSON.stringify(point.members)}`,
      );
    }
    checkMetricValues(point.metrics, `${where}, ${point.members} members`);
  }
  return curve;
}

/**
 * Ensembles: one snapshot ensemble per run (its snapshots) and one deep ensemble per experiment and
 * fold (the restarts' selected models). Recording one again replaces it.
 */
export function createEnsemblesRepository(db: Db, clock: Clock) {
  const insert = db.prepare<Record<string, unknown>, EnsembleRow>(`
    INSERT INTO ensembles
      (experiment_id, run_id, fold, kind, members, rule, metrics, by_member_count, created_at)
    VALUES (@experimentId, @runId, @fold, @kind, @members, @rule, @metrics, @byMemberCount, @now)
    RETURNING *`);
  const deleteSnapshot = db.prepare(`DELETE FROM ensembles WHERE kind = 'snapshot' AND run_id = ?`);
  const deleteDeep = db.prepare(
    `DELETE FROM ensembles WHERE kind = 'deep' AND experiment_id = ? AND fold IS ?`,
  );
  const experimentOfRun = db
    .prepare<[number], number>('SELECT experiment_id FROM runs WHERE id = ?')
    .pluck();
  const countMembersOf = db
    .prepare<[string, number], number>(
      `
      SELECT count(*) FROM checkpoints c JOIN runs r ON r.id = c.run_id
      WHERE c.id IN (SELECT value FROM json_each(?)) AND r.experiment_id = ?`,
    )
    .pluck();
  const selectForExperiment = db.prepare<[number], EnsembleRow>(
    'SELECT * FROM ensembles WHERE experiment_id = ? ORDER BY kind, fold, run_id',
  );
  const selectSnapshot = db.prepare<[number], EnsembleRow>(
    `SELECT * FROM ensembles WHERE kind = 'snapshot' AND run_id = ?`,
  );

  function store(
    kind: EnsembleKind,
    experimentId: number,
    runId: number | null,
    fold: number | null,
    ensemble: NewEnsemble,
  ): EnsembleRecord {
    const where =
      kind === 'snapshot'
        ? `Snapshot ensemble of run ${runId}`
        : `Deep ensemble of experiment ${experimentId}`;
    const members = JSON.stringify([...new Set(ensemble.members)]);
    if (
      ensemble.members.length === 0 ||
      countMembersOf.get(members, experimentId) !== new Set(ensemble.members).size
    ) {
      throw new Error(
        `${where}: members must be checkpoint ids of the experiment's runs, received ${JSON.stringify(ensemble.members)}`,
      );
    }
    const row = insert.get({
      experimentId,
      runId,
      fold,
      kind,
      members,
      rule: ensemble.rule,
      metrics: JSON.stringify(checkMetricValues(ensemble.metrics, where)),
      byMemberCount: JSON.stringify(checkMemberCounts(ensemble.byMemberCount ?? [], where)),
      now: clock(),
    });
    if (row === undefined) throw new Error(`${where}: could not be stored`);
    return toEnsemble(row);
  }

  return {
    recordSnapshot: db.transaction((runId: number, ensemble: NewEnsemble): EnsembleRecord => {
      const experimentId = experimentOfRun.get(runId);
      if (experimentId === undefined)
        throw new Error(`Snapshot ensemble of run ${runId}: there is no such run`);
      deleteSnapshot.run(runId);
      return store('snapshot', experimentId, runId, null, ensemble);
    }),

    recordDeep: db.transaction(
      (experimentId: number, fold: number | null, ensemble: NewEnsemble): EnsembleRecord => {
        deleteDeep.run(experimentId, fold);
        return store('deep', experimentId, null, fold, ensemble);
      },
    ),

    listForExperiment(experimentId: number): EnsembleRecord[] {
      return selectForExperiment.all(experimentId).map(toEnsemble);
    },

    snapshotOf(runId: number): EnsembleRecord | undefined {
      const row = selectSnapshot.get(runId);
      return row === undefined ? undefined : toEnsemble(row);
    },
  };
}

export type EnsemblesRepository = ReturnType<typeof createEnsemblesRepository>;
