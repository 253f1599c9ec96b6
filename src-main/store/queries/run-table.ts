import type { RunStatus, RunSummary, runsListParamsSchema } from '@shared/contract/runs';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { isoTime, isoTimeOrNull, jsonColumn } from '../columns';
import type { Db } from '../database';
import type { MetricKeyCatalog } from '../metric-keys';

/** The contract's filter and sort, plus a free-text filter. */
export type RunTableQuery = z.output<typeof runsListParamsSchema> & {
  /** Matches the experiment name, the run's error and its tags, ignoring case. */
  text?: string;
  /** Only this run: its row without reading its experiment's others. */
  runId?: number;
};

type Sort = NonNullable<RunTableQuery['sort']>;

interface RunTableRow {
  id: number;
  experiment_id: number;
  experiment_name: string;
  spec_version: number;
  restart: number;
  fold: number | null;
  seed: number;
  status: RunStatus;
  priority: number;
  backend: string | null;
  device: string | null;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration: number | null;
  epoch: number | null;
  epochs: number;
  error: string | null;
  diagnosis: string | null;
  metrics: string;
  setting?: string | null;
}

/** A finished run lasted until it finished, a running one until now; others have no duration. */
const duration = `CASE
  WHEN r.started_at IS NULL THEN NULL
  WHEN r.finished_at IS NOT NULL THEN r.finished_at - r.started_at
  WHEN r.status = 'running' THEN @now - r.started_at
END`;

const filters = `
  FROM runs r JOIN experiments e ON e.id = r.experiment_id
  WHERE (@runId IS NULL OR r.id = @runId)
    AND (@experimentId IS NULL OR r.experiment_id = @experimentId)
    AND (@statuses IS NULL OR r.status IN (SELECT value FROM json_each(@statuses)))
    AND (@tag IS NULL OR EXISTS (SELECT 1 FROM json_each(r.tags) WHERE value = @tag))
    AND (@text IS NULL OR instr(lower(e.name), @text) > 0 OR instr(lower(coalesce(r.error, '')), @text) > 0
         OR instr(lower(r.tags), @text) > 0)
    AND (@backend IS NULL OR r.backend = @backend)
    AND (@settingPath IS NULL OR (r.config -> @settingPath) IS @settingEquals)
    AND (@metricKey IS NULL OR EXISTS (
      SELECT 1 FROM run_metric_summary s WHERE s.run_id = r.id AND s.key_id = @metricKey
        AND (@metricAtLeast IS NULL OR (CASE @metricWhich WHEN 'last' THEN s.last_value ELSE s.best_value END) >= @metricAtLeast)
        AND (@metricAtMost IS NULL OR (CASE @metricWhich WHEN 'last' THEN s.last_value ELSE s.best_value END) <= @metricAtMost)))`;

/** A setting path of the contract as SQLite's JSON path. */
function jsonPath(path: string): string {
  return `$.${path}`;
}

function orderBy(sort: Sort | undefined): string {
  const direction = sort?.direction === 'desc' ? 'DESC' : 'ASC';
  const by = sort?.by ?? 'queue';
  const expression = {
    queue: null,
    queuedAt: 'r.queued_at',
    startedAt: 'r.started_at',
    duration,
    status: 'r.status',
    experiment: 'e.name COLLATE NOCASE',
    backend: 'r.backend',
    // ->> gives numbers as numbers, so 10 sorts after 9.
    setting: 'r.config ->> @sortPath',
    metric: `(SELECT ${sort?.which === 'last' ? 'last_value' : 'best_value'} FROM run_metric_summary
              WHERE run_id = r.id AND key_id = @sortKey)`,
  }[by];
  // Runs without a value sort last either way.
  return expression === null
    ? `r.priority ${direction === 'ASC' ? 'DESC' : 'ASC'}, r.queue_order ${direction}, r.id ${direction}`
    : `(${expression}) IS NULL, ${expression} ${direction}, r.id`;
}

function sortVariant(sort: Sort | undefined, showsSetting: boolean): string {
  return `${sort?.by ?? 'queue'}/${sort?.which ?? 'best'}/${sort?.direction ?? 'asc'}/${showsSetting}`;
}

/** The setting a list shows beside each run: the one it is sorted by, else the one it filters on. */
function shownSetting(query: RunTableQuery): string | null {
  if (query.sort?.by === 'setting' && query.sort.path !== undefined) return query.sort.path;
  return query.setting?.path ?? null;
}

/**
 * The run table: one row per run with the best and last value and best epoch of every metric, read
 * from the summary table so no curve is scanned; filtered, sorted and paged in SQL.
 */
export function createRunTableQuery(db: Db, keys: MetricKeyCatalog, clock: Clock) {
  const pages = new Map<string, ReturnType<typeof prepareSelect>>();
  const countRows = db
    .prepare<Record<string, unknown>, number>(`SELECT count(*) ${filters}`)
    .pluck();

  function prepareSelect(sort: Sort | undefined, showsSetting: boolean) {
    return db.prepare<Record<string, unknown>, RunTableRow>(`
      SELECT r.id, r.experiment_id, e.name AS experiment_name, r.spec_version, r.restart, r.fold, r.seed,
        r.status, r.priority, r.backend, r.device, r.queued_at, r.started_at, r.finished_at,
        ${duration} AS duration, r.epochs, r.error, r.diagnosis,
        (SELECT max(last_epoch) FROM run_metric_summary WHERE run_id = r.id) AS epoch,
        (SELECT json_group_array(json_array(k.name, s.best_value, s.best_epoch, s.last_value))
           FROM run_metric_summary s JOIN metric_keys k ON k.id = s.key_id WHERE s.run_id = r.id) AS metrics
        ${showsSetting ? ', r.config -> @shownPath AS setting' : ''}
      ${filters}
      ORDER BY ${orderBy(sort)}
      LIMIT @limit OFFSET @offset`);
  }

  function toSummary(row: RunTableRow): RunSummary {
    const metrics: RunSummary['metrics'] = {};
    for (const [key, best, bestEpoch, last] of jsonColumn<
      [string, number | null, number | null, number | null][]
    >(row.metrics)) {
      metrics[key] = { best, bestEpoch, last };
    }
    return {
      id: row.id,
      experimentId: row.experiment_id,
      experimentName: row.experiment_name,
      specVersion: row.spec_version,
      restart: row.restart,
      fold: row.fold,
      seed: row.seed,
      status: row.status,
      priority: row.priority,
      backend: row.backend,
      device: row.device,
      queuedAt: isoTime(row.queued_at),
      startedAt: isoTimeOrNull(row.started_at),
      finishedAt: isoTimeOrNull(row.finished_at),
      durationMs: row.duration,
      epoch: row.epoch,
      epochs: row.epochs,
      error: row.error,
      diagnosis: row.diagnosis,
      metrics,
      ...(row.setting === undefined ? {} : { setting: row.setting }),
    };
  }

  return (query: RunTableQuery): { runs: RunSummary[]; total: number } => {
    const metric = query.metric;
    const params = {
      runId: query.runId ?? null,
      experimentId: query.experimentId ?? null,
      statuses: query.status === undefined ? null : JSON.stringify(query.status),
      tag: query.tag ?? null,
      text: query.text?.trim() ? query.text.trim().toLowerCase() : null,
      backend: query.backend ?? null,
      settingPath: query.setting === undefined ? null : jsonPath(query.setting.path),
      settingEquals: query.setting?.equals ?? null,
      // A key never recorded matches no run.
      metricKey: metric === undefined ? null : (keys.find(metric.key)?.id ?? -1),
      metricWhich: metric?.which ?? 'best',
      metricAtLeast: metric?.atLeast ?? null,
      metricAtMost: metric?.atMost ?? null,
    };
    const shown = shownSetting(query);
    const variant = sortVariant(query.sort, shown !== null);
    let select = pages.get(variant);
    if (select === undefined)
      pages.set(variant, (select = prepareSelect(query.sort, shown !== null)));
    const sortKey =
      query.sort?.by === 'metric' ? (keys.find(query.sort.metric ?? '')?.id ?? -1) : null;
    const rows = select.all({
      ...params,
      now: clock(),
      limit: query.limit,
      offset: query.offset,
      ...(query.sort?.by === 'metric' ? { sortKey } : {}),
      ...(query.sort?.by === 'setting' ? { sortPath: jsonPath(query.sort.path ?? '') } : {}),
      ...(shown === null ? {} : { shownPath: jsonPath(shown) }),
    });
    return { runs: rows.map(toSummary), total: countRows.get(params) ?? 0 };
  };
}
