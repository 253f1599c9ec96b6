import type { Db } from '../database';
import { decodeColumns, encodeColumns } from './blob-codec';
import { BLOCK_FANOUT, BLOCK_POINTS } from './block-layout';
import type { Condense } from './condense';
import {
  columnNames,
  columnsLength,
  concatColumns,
  emptyColumns,
  pickColumns,
  sliceColumns,
  type CurveColumns,
} from './curve-columns';

/** The first and last step, epoch and wall time of the points a block stands for. */
type Bounds = [number, number, number, number, number, number];

function boundsOf(points: CurveColumns): Bounds {
  const last = columnsLength(points) - 1;
  return [
    points.step[0]!,
    points.step[last]!,
    points.epoch[0]!,
    points.epoch[last]!,
    points.wallTime[0]!,
    points.wallTime[last]!,
  ];
}

/** Raw metric rows `[step, value, epoch, wall_time]` as columns; a NULL value is NaN. */
function rowsToColumns(
  rows: readonly (readonly [number, number | null, number, number])[],
): CurveColumns {
  const out = emptyColumns(rows.length);
  rows.forEach(([step, value, epoch, wallTime], i) => {
    out.step[i] = step;
    out.value[i] = value ?? Number.NaN;
    out.epoch[i] = epoch;
    out.wallTime[i] = wallTime;
  });
  return out;
}

/** A point as ingest hands it over; wall time in whole milliseconds. */
export interface BlockPoint {
  step: number;
  epoch: number;
  value: number;
  wallTime: number;
}

/** Where a curve's pyramid stands, kept between ingests so that appending reads nothing. */
export interface BlockState {
  /** The points after the last level-0 block, fewer than BLOCK_POINTS between ingests. */
  pending: CurveColumns;
  /** orphans[L]: level-L blocks not yet condensed into a level-(L+1) block. */
  orphans: number[];
}

function appendPoints(columns: CurveColumns, points: readonly BlockPoint[]): CurveColumns {
  const length = columnsLength(columns);
  const out = emptyColumns(length + points.length);
  for (const name of columnNames) out[name].set(columns[name]);
  points.forEach((point, i) => {
    out.step[length + i] = point.step;
    out.value[length + i] = point.value;
    out.epoch[length + i] = point.epoch;
    out.wallTime[length + i] = point.wallTime;
  });
  return out;
}

/**
 * Keeps the block pyramid of each curve up to date with its metric rows: as rows are appended,
 * full level-0 blocks are cut from the rows past the last block, and every BLOCK_FANOUT blocks
 * without a parent are condensed into one. Runs inside the ingest transaction.
 */
export function createCurveBlockWriter(db: Db, condense: Condense) {
  const selectLastEnd = db
    .prepare<[number, number, number], number>(
      `SELECT last_step FROM curve_blocks WHERE run_id = ? AND key_id = ? AND level = ?
       ORDER BY first_step DESC LIMIT 1`,
    )
    .pluck();
  const selectTopLevel = db
    .prepare<[number, number], number | null>(
      'SELECT max(level) FROM curve_blocks WHERE run_id = ? AND key_id = ?',
    )
    .pluck();
  const selectRowsAfter = db
    .prepare<[number, number, number], [number, number | null, number, number]>(
      `SELECT step, value, epoch, wall_time FROM metrics
       WHERE run_id = ? AND key_id = ? AND step > ? ORDER BY step`,
    )
    .raw();
  const countBlocksAfter = db
    .prepare<[number, number, number, number], number>(
      'SELECT count(*) FROM curve_blocks WHERE run_id = ? AND key_id = ? AND level = ? AND first_step > ?',
    )
    .pluck();
  const selectBlocksAfter = db
    .prepare<[number, number, number, number, number], [...Bounds, Buffer, Buffer]>(
      `SELECT first_step, last_step, first_epoch, last_epoch, first_wall_time, last_wall_time,
              point_data, time_data FROM curve_blocks JOIN curve_block_times ON block_id = id
       WHERE run_id = ? AND key_id = ? AND level = ? AND first_step > ? ORDER BY first_step LIMIT ?`,
    )
    .raw();
  const insertBlock = db.prepare(`
    INSERT INTO curve_blocks (run_id, key_id, level, point_count, first_step, last_step, first_epoch,
      last_epoch, first_wall_time, last_wall_time, point_data)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTimes = db.prepare(
    'INSERT INTO curve_block_times (block_id, time_data) VALUES (?, ?)',
  );
  const deleteBlocksAfter = db.prepare(
    'DELETE FROM curve_blocks WHERE run_id = ? AND last_step > ?',
  );
  const selectRunKeys = db
    .prepare<[number], number>('SELECT DISTINCT key_id FROM metrics WHERE run_id = ?')
    .pluck();

  function lastEnd(runId: number, keyId: number, level: number): number {
    return selectLastEnd.get(runId, keyId, level) ?? -1;
  }

  /** Stores `kept` as the block standing for every point within `bounds`. */
  function write(
    runId: number,
    keyId: number,
    level: number,
    bounds: Bounds,
    kept: CurveColumns,
  ): void {
    const { points, times } = encodeColumns(kept);
    const { lastInsertRowid } = insertBlock.run(
      runId,
      keyId,
      level,
      columnsLength(kept),
      ...bounds,
      points,
    );
    insertTimes.run(lastInsertRowid, times);
  }

  function cutLevelZero(runId: number, keyId: number, state: BlockState): void {
    const full = Math.floor(columnsLength(state.pending) / BLOCK_POINTS);
    if (full === 0) return;
    for (let b = 0; b < full; b++) {
      const block = sliceColumns(state.pending, b * BLOCK_POINTS, (b + 1) * BLOCK_POINTS);
      write(runId, keyId, 0, boundsOf(block), block);
    }
    const rest = sliceColumns(state.pending, full * BLOCK_POINTS, columnsLength(state.pending));
    state.pending = concatColumns([rest]); // a copy, so the full buffer can be freed
    state.orphans[0] = (state.orphans[0] ?? 0) + full;
  }

  function condenseLevel(runId: number, keyId: number, level: number, state: BlockState): void {
    const parents = Math.floor((state.orphans[level] ?? 0) / BLOCK_FANOUT);
    if (parents === 0) return;
    const after = lastEnd(runId, keyId, level + 1);
    const children = selectBlocksAfter.all(runId, keyId, level, after, parents * BLOCK_FANOUT);
    for (let p = 0; p < parents; p++) {
      const group = children.slice(p * BLOCK_FANOUT, (p + 1) * BLOCK_FANOUT);
      const first = group[0]!;
      const last = group[group.length - 1]!;
      const bounds: Bounds = [first[0], last[1], first[2], last[3], first[4], last[5]];
      const points = concatColumns(group.map((row) => decodeColumns(row[6], row[7])));
      write(runId, keyId, level + 1, bounds, pickColumns(points, condense(points, BLOCK_POINTS)));
    }
    state.orphans[level] = state.orphans[level]! - parents * BLOCK_FANOUT;
    state.orphans[level + 1] = (state.orphans[level + 1] ?? 0) + parents;
  }

  /** Reads where the curve's pyramid stands from the database. */
  function load(runId: number, keyId: number): BlockState {
    const orphans: number[] = [];
    const top = selectTopLevel.get(runId, keyId) ?? -1;
    for (let level = 0; level <= top; level++) {
      orphans.push(
        countBlocksAfter.get(runId, keyId, level, lastEnd(runId, keyId, level + 1)) ?? 0,
      );
    }
    return {
      pending: rowsToColumns(selectRowsAfter.all(runId, keyId, lastEnd(runId, keyId, 0))),
      orphans,
    };
  }

  /** Takes `points`, just stored after the curve's last one, writing the blocks they complete. */
  function extend(
    runId: number,
    keyId: number,
    state: BlockState,
    points: readonly BlockPoint[],
  ): void {
    state.pending = appendPoints(state.pending, points);
    cutLevelZero(runId, keyId, state);
    for (let level = 0; level < state.orphans.length; level++)
      condenseLevel(runId, keyId, level, state);
  }

  return {
    load,
    extend,

    /** Drops every block reaching past `step` and rebuilds from the rows that remain. */
    truncateAfter(runId: number, step: number): void {
      deleteBlocksAfter.run(runId, step);
      for (const keyId of selectRunKeys.all(runId)) extend(runId, keyId, load(runId, keyId), []);
    },
  };
}

export type CurveBlockWriter = ReturnType<typeof createCurveBlockWriter>;
