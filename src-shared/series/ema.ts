/**
 * TensorBoard's scalar smoothing: an exponential moving average started at 0 and divided by
 * 1 − weight^n (n = finite points so far), which removes the pull towards 0 at the start, so the
 * first smoothed point equals the first value. As in TensorBoard, non-finite values (a diverged
 * run's NaN loss) pass through unsmoothed without disturbing the average, and a constant series
 * is returned as is. `weight` is TensorBoard's smoothing slider: 0 returns the values unchanged.
 */
export function smoothEma(values: ArrayLike<number>, weight: number): Float64Array {
  if (!(weight >= 0 && weight < 1)) {
    throw new Error(`weight: must be in [0, 1), received ${weight}`);
  }
  const smoothed = Float64Array.from(values);
  let constant = true;
  for (let i = 1; i < values.length && constant; i++) constant = values[i] === values[0];
  if (constant) return smoothed;

  let average = 0;
  let weightPower = 1; // weight^n, n = finite values so far
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) continue;
    average = average * weight + (1 - weight) * value;
    weightPower *= weight;
    smoothed[i] = average / (1 - weightPower);
  }
  return smoothed;
}
