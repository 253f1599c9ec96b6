import type { Db } from './database';
import type { BlockState, CurveBlockWriter } from './curves/curve-blocks';
import type { MetricKey, MetricKeyCatalog } from './metric-keys';
import { foldSummary, type MetricSummary } from './metric-summary';

/** One value of one metric of one run. `wallTime` is whole milliseconds since the Unix epoch. */
export interface MetricPoint {
  runId: number;
  key: string;
  step: number;
  epoch: number;
  value: number;
  wallTime: number;
}

interface Curve {
  runId: number;
  key: MetricKey;
  points: MetricPoint[];
}

interface SummaryRow {
  best_value: number | null;
  best_step: number | null;
  best_epoch: number | null;
  last_value: number | null;
  last_step: number;
  last_epoch: number;
  point_count: number;
}

/** Rows per multi-row INSERT: far fewer statement calls, well under SQLite's bound-parameter limit. */
const ROWS_PER_INSERT = 64;
const COLUMNS = 6;
/** Curves whose state ingest keeps: far more than run at once, a few MB at most. */
const REMEMBERED_CURVES = 4_096;

function describe(point: MetricPoint, index: number): string {
  return `metric point ${index} (run ${String(point.runId)}, key ${JSON.stringify(point.key)})`;
}

function checkPoint(point: MetricPoint, index: number): void {
  const wholeAtLeast = (value: unknown, min: number) =>
    Number.isInteger(value) && (value as number) >= min;
  const problem = !wholeAtLeast(point.runId, 1)
    ? `runId must be a run id, received ${JSON.stringify(point.runId)}`
    : typeof point.key !== 'string' || point.key === ''
      ? `key must be non-empty text, received ${JSON.stringify(point.key)}`
      : !wholeAtLeast(point.step, 0)
        ? `step must be a whole number ≥ 0, received ${JSON.stringify(point.step)}`
        : !wholeAtLeast(point.epoch, 0)
          ? `epoch must be a whole number ≥ 0, received ${JSON.stringify(point.epoch)}`
          : typeof point.value !== 'number'
            ? `value must be a number, received ${JSON.stringify(point.value)}`
            : !Number.isSafeInteger(point.wallTime)
              ? `wallTime must be whole milliseconds since 1970, received ${JSON.stringify(point.wallTime)}`
              : null;
  if (problem !== null) throw new Error(`${describe(point, index)}: ${problem}`);
}

/** Points grouped by run and key, each group in the order given, which must be step order. */
function groupByCurve(points: readonly MetricPoint[], keys: MetricKeyCatalog): Curve[] {
  const curves = new Map<number, Map<string, Curve>>();
  points.forEach((point, index) => {
    checkPoint(point, index);
    let byKey = curves.get(point.runId);
    if (byKey === undefined) curves.set(point.runId, (byKey = new Map()));
    let curve = byKey.get(point.key);
    if (curve === undefined)
      byKey.set(
        point.key,
        (curve = { runId: point.runId, key: keys.ensure(point.key), points: [] }),
      );
    const previous = curve.points[curve.points.length - 1];
    if (previous !== undefined && point.step <= previous.step) {
      throw new Error(
        `${describe(point, index)}: step ${point.step} comes after step ${previous.step}; steps must increase`,
      );
    }
    curve.points.push(point);
  });
  return [...curves.values()].flatMap((byKey) => [...byKey.values()]);
}

/**
 * What ingest remembers about a curve between calls. It is trusted only while its `lastStep`
 * matches the summary row read in the same transaction; a rolled-back ingest, a truncation or a
 * cleared run changes that row, and the state is read again from the database.
 */
interface CurveState {
  lastStep: number;
  blocks: BlockState;
}

function toSummary(row: SummaryRow | undefined): MetricSummary | undefined {
  return row === undefined
    ? undefined
    : {
        bestValue: row.best_value,
        bestStep: row.best_step,
        bestEpoch: row.best_epoch,
        lastValue: row.last_value,
        lastStep: row.last_step,
        lastEpoch: row.last_epoch,
        pointCount: row.point_count,
      };
}

/**
 * The only way metrics enter the database: each call is one transaction that inserts the points,
 * folds them into the best/last summary of their run and key, and extends the curve blocks.
 */
export function createMetricsRepository(db: Db, keys: MetricKeyCatalog, blocks: CurveBlockWriter) {
  const insertMany = db.prepare(
    `INSERT INTO metrics (run_id, key_id, step, epoch, value, wall_time) VALUES ${Array(
      ROWS_PER_INSERT,
    )
      .fill('(?, ?, ?, ?, ?, ?)')
      .join(', ')}`,
  );
  const insertOne = db.prepare(
    'INSERT INTO metrics (run_id, key_id, step, epoch, value, wall_time) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const runExists = db.prepare<[number], number>('SELECT 1 FROM runs WHERE id = ?').pluck();
  const curveStates = new Map<string, CurveState>();
  const selectSummary = db.prepare<[number, number], SummaryRow>(
    'SELECT * FROM run_metric_summary WHERE run_id = ? AND key_id = ?',
  );
  const upsertSummary = db.prepare(`
    INSERT OR REPLACE INTO run_metric_summary
      (run_id, key_id, best_value, best_step, best_epoch, last_value, last_step, last_epoch, point_count)
    VALUES (@runId, @keyId, @bestValue, @bestStep, @bestEpoch, @lastValue, @lastStep, @lastEpoch, @pointCount)`);
  const deleteRowsAfter = db.prepare('DELETE FROM metrics WHERE run_id = ? AND step > ?');
  const deleteSummaries = db.prepare('DELETE FROM run_metric_summary WHERE run_id = ?');
  const selectRunCurves = db
    .prepare<[number], [number, number, number, number | null]>(
      'SELECT key_id, step, epoch, value FROM metrics WHERE run_id = ? ORDER BY key_id, step',
    )
    .raw();

  function insertRows(curves: readonly Curve[]): void {
    const params: (number | null)[] = new Array<number | null>(ROWS_PER_INSERT * COLUMNS);
    let filled = 0;
    for (const curve of curves) {
      for (const point of curve.points) {
        const at = filled * COLUMNS;
        params[at] = curve.runId;
        params[at + 1] = curve.key.id;
        params[at + 2] = point.step;
        params[at + 3] = point.epoch;
        params[at + 4] = point.value;
        params[at + 5] = point.wallTime;
        if (++filled === ROWS_PER_INSERT) {
          insertMany.run(params);
          filled = 0;
        }
      }
    }
    for (let row = 0; row < filled; row++)
      insertOne.run(params.slice(row * COLUMNS, (row + 1) * COLUMNS));
  }

  function storeSummary(runId: number, keyId: number, summary: MetricSummary | undefined): void {
    if (summary !== undefined) upsertSummary.run({ runId, keyId, ...summary });
  }

  /** The curve's state, most recently used last; the least recently used is forgotten past the cap. */
  function stateOf(curve: Curve, summary: MetricSummary | undefined): CurveState {
    const id = `${curve.runId}/${curve.key.id}`;
    const lastStep = summary?.lastStep ?? -1;
    let state = curveStates.get(id);
    curveStates.delete(id);
    if (state?.lastStep !== lastStep)
      state = { lastStep, blocks: blocks.load(curve.runId, curve.key.id) };
    curveStates.set(id, state);
    if (curveStates.size > REMEMBERED_CURVES) curveStates.delete(curveStates.keys().next().value!);
    return state;
  }

  const write = db.transaction((curves: readonly Curve[]) => {
    for (const runId of new Set(curves.map((curve) => curve.runId))) {
      if (runExists.get(runId) === undefined)
        throw new Error(`Metrics for run ${runId}: there is no such run`);
    }
    // Curve states are read before the insert: a state loaded from the database counts its rows.
    const before = curves.map((curve) => {
      const summary = toSummary(selectSummary.get(curve.runId, curve.key.id));
      const first = curve.points[0];
      if (summary !== undefined && first !== undefined && first.step <= summary.lastStep) {
        throw new Error(
          `Metrics for run ${curve.runId} ("${curve.key.name}"): step ${first.step} is not after the stored step ${summary.lastStep}; steps must increase`,
        );
      }
      return { summary, state: stateOf(curve, summary) };
    });
    insertRows(curves);
    curves.forEach((curve, i) => {
      const { summary, state } = before[i]!;
      const next = foldSummary(summary, curve.key.direction, curve.points);
      storeSummary(curve.runId, curve.key.id, next);
      state.lastStep = next?.lastStep ?? state.lastStep;
      blocks.extend(curve.runId, curve.key.id, state.blocks, curve.points);
    });
  });

  return {
    /**
     * Stores the points in one transaction: all of them or, on any error, none. Per run and key the
     * steps must increase, also across calls. Metric keys are registered before the transaction.
     */
    ingest(points: readonly MetricPoint[]): void {
      if (points.length > 0) write(groupByCurve(points, keys));
    },

    /**
     * Forgets every point of the run after `step` (a resumed run recomputes them), with the
     * summaries and curve blocks rebuilt from what remains.
     */
    truncateAfter: db.transaction((runId: number, step: number): void => {
      deleteRowsAfter.run(runId, step);
      deleteSummaries.run(runId);
      let keyId: number | null = null;
      let points: { step: number; epoch: number; value: number }[] = [];
      const flush = () => {
        if (keyId !== null)
          storeSummary(runId, keyId, foldSummary(undefined, keys.byId(keyId).direction, points));
      };
      for (const [rowKey, rowStep, epoch, value] of selectRunCurves.all(runId)) {
        if (rowKey !== keyId) {
          flush();
          keyId = rowKey;
          points = [];
        }
        points.push({ step: rowStep, epoch, value: value ?? Number.NaN });
      }
      flush();
      blocks.truncateAfter(runId, step);
    }),
  };
}

export type MetricsRepository = ReturnType<typeof createMetricsRepository>;
