/** The default number of points along a line: spacing 1/16, so t = 0 and t = 1 fall on the grid. */
export const DEFAULT_LINE_POINTS = 25;
export const LINE_START = -0.25;
export const LINE_END = 1.25;

/** n evenly spaced values from start to end inclusive (n ≥ 2). */
export function linspace(start: number, end: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 2) throw new Error(`points: need an integer ≥ 2, got ${n}`);
  return Array.from({ length: n }, (_, k) =>
    k === n - 1 ? end : start + ((end - start) * k) / (n - 1),
  );
}

/**
 * The t values of a line: `points` evenly spaced over [−0.25, 1.25], plus t = 0 and t = 1 when the
 * spacing misses them (the endpoints are the checkpoints themselves and the barrier needs both).
 */
export function lineParameters(points: number): number[] {
  const grid = linspace(LINE_START, LINE_END, points);
  const near = (value: number) => grid.some((t) => Math.abs(t - value) < 1e-9);
  const extra = [0, 1].filter((value) => !near(value));
  return [
    ...grid.map((t) => (Math.abs(t) < 1e-9 ? 0 : Math.abs(t - 1) < 1e-9 ? 1 : t)),
    ...extra,
  ].sort((a, b) => a - b);
}

/** θ(t) = (1 − t)·A + t·B per weight, computed in float64 and rounded once to float32. */
export function interpolate(
  a: readonly Float32Array[],
  b: readonly Float32Array[],
  t: number,
): Float32Array[] {
  return a.map((tensor, i) => {
    const other = b[i] as Float32Array;
    return Float32Array.from(tensor, (value, k) => (1 - t) * value + t * (other[k] as number));
  });
}
