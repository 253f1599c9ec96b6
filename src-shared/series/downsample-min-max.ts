import { requireSameLength, requireWholeAtLeast } from './checks';

export interface DownsampledSeries {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Buckets the points were gathered into; never more than requested. */
  readonly buckets: number;
}

/**
 * Splits the points into at most `maxBuckets` runs of consecutive points (by index, sizes differing
 * by at most one) and keeps from each its lowest and highest point, in their original order, so
 * a one-step spike or dip survives at any zoom. At most 2 × maxBuckets points come back; the min
 * and max of the result equal those of the input. NaN values are skipped (a bucket of only NaN
 * keeps nothing); x is carried along unexamined. One pass, no allocation per point: pass typed
 * arrays for speed.
 */
export function downsampleMinMax(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxBuckets: number,
): DownsampledSeries {
  requireSameLength(x, y);
  requireWholeAtLeast('maxBuckets', maxBuckets, 1);
  const length = y.length;
  const buckets = Math.min(maxBuckets, length);
  const outX = new Float64Array(2 * buckets);
  const outY = new Float64Array(2 * buckets);
  let kept = 0;
  let end = 0;
  for (let b = 0; b < buckets; b++) {
    const start = end;
    end = Math.floor(((b + 1) * length) / buckets);
    let first = start;
    while (first < end && Number.isNaN(y[first])) first++;
    if (first === end) continue;
    let lowest = first;
    let highest = first;
    let low = y[first] as number;
    let high = low;
    for (let i = first + 1; i < end; i++) {
      const value = y[i] as number;
      // NaN fails both comparisons, so gaps are skipped without a test of their own.
      if (value < low) {
        low = value;
        lowest = i;
      } else if (value > high) {
        high = value;
        highest = i;
      }
    }
    const earlier = lowest < highest ? lowest : highest;
    outX[kept] = x[earlier] as number;
    outY[kept++] = y[earlier] as number;
    if (lowest !== highest) {
      const later = lowest < highest ? highest : lowest;
      outX[kept] = x[later] as number;
      outY[kept++] = y[later] as number;
    }
  }
  return { x: outX.subarray(0, kept), y: outY.subarray(0, kept), buckets };
}
