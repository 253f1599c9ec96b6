/**
 * The q-quantile of ascending `sorted` values, interpolating linearly between order statistics
 * (NumPy `percentile(values, 100 q)` with its default 'linear' method).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0)
    throw new Error('quantileOfSorted: needs at least one value, received none');
  if (!(q >= 0 && q <= 1)) throw new Error(`quantileOfSorted: q must be in [0, 1], received ${q}`);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (position - below) * (high - low);
}
