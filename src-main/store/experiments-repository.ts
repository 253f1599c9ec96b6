import { LabError } from '@shared/contract/envelope';
import type { ExperimentSummary } from '@shared/contract/experiments';
import type { RunStatus } from '@shared/contract/runs';
import { canonicalJson } from '@shared/experiment/resolve';
import type { ExperimentSpecInput } from '@shared/experiment/spec';
import type { Clock } from './clock';
import { isoTime, jsonColumn } from './columns';
import type { Db } from './database';

/** An experiment with the spec of its current version, as written (not defaulted). */
export type StoredExperiment = ExperimentSummary & { spec: ExperimentSpecInput };

export interface SpecVersion {
  experimentId: number;
  version: number;
  spec: ExperimentSpecInput;
  createdAt: string;
}

interface ExperimentRow {
  id: number;
  name: string;
  spec_version: number;
  created_at: number;
  updated_at: number;
  spec: string;
  run_counts: string;
}

const selectExperiments = `
  SELECT e.id, e.name, e.spec_version, e.created_at, e.updated_at, v.spec,
    (SELECT json_group_object(status, n)
       FROM (SELECT status, count(*) AS n FROM runs WHERE experiment_id = e.id GROUP BY status)
    ) AS run_counts
  FROM experiments e
  JOIN spec_versions v ON v.experiment_id = e.id AND v.version = e.spec_version`;

function toExperiment(row: ExperimentRow): StoredExperiment {
  return {
    id: row.id,
    name: row.name,
    specVersion: row.spec_version,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    runCounts: jsonColumn<Partial<Record<RunStatus, number>>>(row.run_counts),
    spec: jsonColumn<ExperimentSpecInput>(row.spec),
  };
}

function nameOf(spec: ExperimentSpecInput): string {
  const name = (spec as { name?: unknown }).name;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new LabError(
      'invalid_argument',
      `spec.name must be non-empty text, received ${JSON.stringify(name)}`,
    );
  }
  return name.trim();
}

/**
 * Experiments and their spec history. The name lives in the spec, so a rename is a new spec
 * version like any other change; runs keep pointing at the version they were launched with.
 */
export function createExperimentsRepository(db: Db, clock: Clock) {
  const insertExperiment = db.prepare(
    'INSERT INTO experiments (name, spec_version, created_at, updated_at) VALUES (?, 1, ?, ?)',
  );
  const insertVersion = db.prepare(
    'INSERT INTO spec_versions (experiment_id, version, spec, created_at) VALUES (?, ?, ?, ?)',
  );
  const bumpVersion = db.prepare(
    'UPDATE experiments SET name = ?, spec_version = ?, updated_at = ? WHERE id = ?',
  );
  const selectOne = db.prepare<[number], ExperimentRow>(`${selectExperiments} WHERE e.id = ?`);
  const selectAll = db.prepare<[], ExperimentRow>(
    `${selectExperiments} ORDER BY e.updated_at DESC, e.id DESC`,
  );
  const selectMatching = db.prepare<{ text: string }, ExperimentRow>(`${selectExperiments}
    WHERE instr(lower(e.name), :text) > 0
       OR instr(lower(coalesce(json_extract(v.spec, '$.description'), '')), :text) > 0
       OR EXISTS (SELECT 1 FROM json_each(v.spec, '$.tags') WHERE instr(lower(value), :text) > 0)
    ORDER BY e.updated_at DESC, e.id DESC`);
  const selectVersion = db.prepare<[number, number], { spec: string; created_at: number }>(
    'SELECT spec, created_at FROM spec_versions WHERE experiment_id = ? AND version = ?',
  );
  const selectHistory = db.prepare<[number], { version: number; spec: string; created_at: number }>(
    'SELECT version, spec, created_at FROM spec_versions WHERE experiment_id = ? ORDER BY version',
  );
  const countRuns = db.prepare<[number], { n: number }>(
    'SELECT count(*) AS n FROM runs WHERE experiment_id = ?',
  );
  const deleteExperiment = db.prepare('DELETE FROM experiments WHERE id = ?');

  function get(id: number): StoredExperiment {
    const row = selectOne.get(id);
    if (row === undefined) throw new LabError('not_found', `There is no experiment ${id}.`);
    return toExperiment(row);
  }

  const create = db.transaction((spec: ExperimentSpecInput): StoredExperiment => {
    const now = clock();
    const id = Number(insertExperiment.run(nameOf(spec), now, now).lastInsertRowid);
    insertVersion.run(id, 1, JSON.stringify(spec), now);
    return get(id);
  });

  /** Stores `spec` as the next version, unless it equals the current one (key order aside). */
  const update = db.transaction((id: number, spec: ExperimentSpecInput): StoredExperiment => {
    const current = get(id);
    if (canonicalJson(spec) === canonicalJson(current.spec)) return current;
    const now = clock();
    const version = current.specVersion + 1;
    insertVersion.run(id, version, JSON.stringify(spec), now);
    bumpVersion.run(nameOf(spec), version, now, id);
    return get(id);
  });

  return {
    create,
    update,
    get,

    rename(id: number, name: string): StoredExperiment {
      return update(id, { ...get(id).spec, name });
    },

    duplicate(id: number, name?: string): StoredExperiment {
      const original = get(id);
      return create({ ...original.spec, name: name ?? `${original.name} (copy)` });
    },

    /** Deletes the experiment with its spec history, runs, metrics, checkpoints rows and ensembles. */
    delete: db.transaction((id: number): { deletedRuns: number } => {
      const deletedRuns = countRuns.get(id)?.n ?? 0;
      if (deleteExperiment.run(id).changes === 0) {
        throw new LabError('not_found', `There is no experiment ${id}.`);
      }
      return { deletedRuns };
    }),

    /** Newest first; `search` matches name, description and tags, ignoring case. */
    list(search?: string): StoredExperiment[] {
      const text = search?.trim().toLowerCase() ?? '';
      const rows = text === '' ? selectAll.all() : selectMatching.all({ text });
      return rows.map(toExperiment);
    },

    specVersion(experimentId: number, version: number): SpecVersion {
      const row = selectVersion.get(experimentId, version);
      if (row === undefined) {
        throw new LabError(
          'not_found',
          `Experiment ${experimentId} has no spec version ${version}.`,
        );
      }
      return {
        experimentId,
        version,
        spec: jsonColumn(row.spec),
        createdAt: isoTime(row.created_at),
      };
    },

    history(experimentId: number): SpecVersion[] {
      get(experimentId);
      return selectHistory.all(experimentId).map((row) => ({
        experimentId,
        version: row.version,
        spec: jsonColumn(row.spec),
        createdAt: isoTime(row.created_at),
      }));
    },
  };
}

export type ExperimentsRepository = ReturnType<typeof createExperimentsRepository>;
