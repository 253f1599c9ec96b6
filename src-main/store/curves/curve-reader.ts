import type { CurveAxis } from '@shared/contract/curves';
import type { Db } from '../database';
import { decodePoints, decodeTimes } from './blob-codec';
import { BLOCK_FANOUT, BLOCK_POINTS } from './block-layout';

/** A curve as read: values with their steps and their x on the requested axis. */
export interface ReadCurve {
  step: Float64Array;
  x: Float64Array;
  value: Float64Array;
}

/** Inclusive bounds on the stored axis column (steps, epochs, or wall-clock milliseconds). */
export interface StoredRange {
  from: number;
  to: number;
}

export interface CurveRequest {
  runId: number;
  keyId: number;
  range: StoredRange;
}

const axisColumns = {
  step: { first: 'first_step', last: 'last_step', row: 'step' },
  epoch: { first: 'first_epoch', last: 'last_epoch', row: 'epoch' },
  wallTime: { first: 'first_wall_time', last: 'last_wall_time', row: 'wall_time' },
} as const;

/** JSON has no infinities: an open end of a range travels as null. */
function bound(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Requests as rows of a CTE, so each request's bounds are parsed out of the JSON once. */
const wantedCurves = `WITH w AS MATERIALIZED (
  SELECT key AS i, value ->> 0 AS run_id, value ->> 1 AS key_id, value ->> 2 AS level,
         value ->> 3 AS after, value ->> 4 AS lo, value ->> 5 AS hi
  FROM json_each(?))`;

/**
 * The pieces one after another, keeping points within the range. x never decreases along a curve,
 * so a piece wholly inside is copied as it is and only the pieces at the range's ends are filtered.
 */
function concatPieces(pieces: readonly ReadCurve[], range: StoredRange): ReadCurve {
  let total = 0;
  for (const piece of pieces) total += piece.step.length;
  // On the step axis x is the step: one column serves as both.
  const xIsStep = pieces.every((piece) => piece.x === piece.step);
  const step = new Float64Array(total);
  const x = xIsStep ? step : new Float64Array(total);
  const value = new Float64Array(total);
  let kept = 0;
  for (const piece of pieces) {
    const length = piece.x.length;
    if (length > 0 && piece.x[0]! >= range.from && piece.x[length - 1]! <= range.to) {
      step.set(piece.step, kept);
      if (!xIsStep) x.set(piece.x, kept);
      value.set(piece.value, kept);
      kept += length;
      continue;
    }
    for (let i = 0; i < length; i++) {
      const at = piece.x[i]!;
      if (at < range.from || at > range.to) continue;
      step[kept] = piece.step[i]!;
      x[kept] = at;
      value[kept++] = piece.value[i]!;
    }
  }
  return { step: step.subarray(0, kept), x: x.subarray(0, kept), value: value.subarray(0, kept) };
}

/**
 * Reads many curves from the block pyramid (see block-layout.ts) in three statements however many
 * curves there are: per curve, the coarsest level that still holds the requested number of points
 * in its range, then finer levels for what that level does not cover, then the rows after the last
 * full block from the metrics table.
 */
export function createCurveReader(db: Db, axis: CurveAxis) {
  const column = axisColumns[axis];
  const inRange = `(w.lo IS NULL OR b.${column.last} >= w.lo) AND (w.hi IS NULL OR b.${column.first} <= w.hi)`;
  // How many points each curve has: for a whole curve, the pyramid's shape follows from that.
  const selectPointCounts = db
    .prepare<[string], [number, number | null]>(
      `${wantedCurves}
       SELECT w.i, s.point_count FROM w
       LEFT JOIN run_metric_summary s ON s.run_id = w.run_id AND s.key_id = w.key_id`,
    )
    .raw();
  // Per curve and level above 0: blocks in its range and where they end. Level 0, the bulk of the
  // index, is the fallback and is not counted.
  const selectLevelsInRange = db
    .prepare<[string], [number, number, number, number | null]>(
      `${wantedCurves}
       SELECT w.i, b.level, count(*) FILTER (WHERE ${inRange}), max(b.last_step) FILTER (WHERE ${inRange})
       FROM w JOIN curve_blocks b ON b.run_id = w.run_id AND b.key_id = w.key_id AND b.level > 0
       GROUP BY w.i, b.level`,
    )
    .raw();
  // Where a curve's blocks of level `w.level + 1` end: blocks of `w.level` start after that.
  const endOfCoarser = `coalesce((SELECT c.last_step FROM curve_blocks c
    WHERE c.run_id = w.run_id AND c.key_id = w.key_id AND c.level = w.level + 1
    ORDER BY c.first_step DESC LIMIT 1), -1)`;
  // Epochs and wall times are read only when they are the x axis.
  const selectBlocks = db
    .prepare<[string], [number, number, Buffer, Buffer | null]>(
      `${wantedCurves}
       SELECT w.i, b.first_step, b.point_data, ${axis === 'step' ? 'NULL' : 't.time_data'}
       FROM w JOIN curve_blocks b ON b.run_id = w.run_id AND b.key_id = w.key_id AND b.level = w.level
         AND b.first_step > coalesce(w.after, ${endOfCoarser}) AND ${inRange}
       ${axis === 'step' ? '' : 'JOIN curve_block_times t ON t.block_id = b.id'}`,
    )
    .raw();
  // The rows after each curve's last level-0 block (asked for as level −1). The range is applied to
  // these few rows afterwards: a second bound on step could make SQLite scan from the range's start.
  const selectRows = db
    .prepare<[string], [number, number, number | null, number]>(
      `${wantedCurves}
       SELECT w.i, m.step, m.value, m.${column.row}
       FROM w JOIN metrics m ON m.run_id = w.run_id AND m.key_id = w.key_id AND m.step > ${endOfCoarser}
       ORDER BY w.i, m.step`,
    )
    .raw();

  /**
   * The coarsest level at which each curve has at least `points` points in its range, or 0; and,
   * for curves read within a range, where each level's blocks in that range end.
   */
  function chooseLevels(requests: readonly CurveRequest[], wanted: string, points: number) {
    const whole = requests.every(({ range }) => range.from === -Infinity && range.to === Infinity);
    const chosen = requests.map(() => ({ level: 0, ends: whole ? null : ([] as number[]) }));
    if (points === 0) return chosen;
    if (whole) {
      // Level-0 blocks are cut every BLOCK_POINTS points and condensed BLOCK_FANOUT at a time.
      for (const [i, count] of selectPointCounts.all(wanted)) {
        let blocks = Math.floor((count ?? 0) / BLOCK_POINTS / BLOCK_FANOUT);
        for (
          let level = 1;
          blocks * BLOCK_POINTS >= points;
          level++, blocks = Math.floor(blocks / BLOCK_FANOUT)
        ) {
          chosen[i]!.level = level;
        }
      }
      return chosen;
    }
    for (const [i, level, inRange, inRangeEnd] of selectLevelsInRange.all(wanted)) {
      chosen[i]!.ends![level] = inRangeEnd ?? -1;
      if (inRange * BLOCK_POINTS >= points) chosen[i]!.level = Math.max(chosen[i]!.level, level);
    }
    return chosen;
  }

  /**
   * Which blocks each curve needs, as [run, key, level, after, from, to], and whose they are. The
   * blocks of a finer level start after those of the coarser ones; for a whole curve the database
   * knows where that is (`after` null), for a range the level counts said it.
   */
  function planBlocks(requests: readonly CurveRequest[], points: number) {
    const wanted = JSON.stringify(
      requests.map(({ runId, keyId, range }) => [
        runId,
        keyId,
        0,
        null,
        bound(range.from),
        bound(range.to),
      ]),
    );
    const blocks: unknown[][] = [];
    const owners: number[] = [];
    chooseLevels(requests, wanted, points).forEach(({ level: top, ends }, i) => {
      const { runId, keyId, range } = requests[i]!;
      let after = -1;
      for (let level = top; level >= 0; level--) {
        blocks.push([
          runId,
          keyId,
          level,
          level === top || ends !== null ? after : null,
          bound(range.from),
          bound(range.to),
        ]);
        owners.push(i);
        after = Math.max(after, ends?.[level] ?? -1);
      }
    });
    return { blocks, owners };
  }

  /** Each curve's rows after its last level-0 block, as a piece. */
  function readTails(requests: readonly CurveRequest[]): ReadCurve[] {
    const rows = requests.map(() => [] as [number, number | null, number][]);
    const tails = requests.map(({ runId, keyId }) => [runId, keyId, -1, null, null, null]);
    for (const [i, step, value, x] of selectRows.all(JSON.stringify(tails)))
      rows[i]!.push([step, value, x]);
    return rows.map((tail) => {
      const step = new Float64Array(tail.length);
      const piece = {
        step,
        x: axis === 'step' ? step : new Float64Array(tail.length),
        value: new Float64Array(tail.length),
      };
      tail.forEach(([rowStep, value, x], r) => {
        step[r] = rowStep;
        piece.x[r] = x;
        piece.value[r] = value ?? Number.NaN;
      });
      return piece;
    });
  }

  return {
    /**
     * Each curve within its range: from the coarsest level with at least `points` points there,
     * or at full resolution when `points` is 0.
     */
    read(requests: readonly CurveRequest[], points: number): ReadCurve[] {
      if (requests.length === 0) return [];
      const { blocks, owners } = planBlocks(requests, points);
      const pieces = requests.map(() => [] as { first: number; curve: ReadCurve }[]);
      for (const [b, first, pointData, timeData] of selectBlocks.all(JSON.stringify(blocks))) {
        const { step, value } = decodePoints(pointData);
        const x =
          timeData === null ? step : decodeTimes(timeData)[axis === 'epoch' ? 'epoch' : 'wallTime'];
        pieces[owners[b]!]!.push({ first, curve: { step, value, x } });
      }
      const tails = readTails(requests);
      return requests.map((request, i) => {
        const ordered = pieces[i]!.sort((a, b) => a.first - b.first).map((piece) => piece.curve);
        return concatPieces([...ordered, tails[i]!], request.range);
      });
    },
  };
}
