import type { CurveAxis } from '@shared/contract/curves';
import type { StoredRange } from './curve-reader';

const everything: StoredRange = { from: -Infinity, to: Infinity };

/**
 * The wall-time axis counts seconds since the run started (a resumed run keeps its first start);
 * it is stored as milliseconds since 1970. Steps and epochs are stored as they are shown.
 */
export function toStoredRange(
  axis: CurveAxis,
  range: StoredRange | undefined,
  startedAt: number,
): StoredRange {
  if (range === undefined) return everything;
  return axis === 'wallTime'
    ? { from: startedAt + range.from * 1000, to: startedAt + range.to * 1000 }
    : range;
}

export function toShownX(axis: CurveAxis, stored: Float64Array, startedAt: number): Float64Array {
  if (axis !== 'wallTime') return stored;
  return stored.map((ms) => (ms - startedAt) / 1000);
}
