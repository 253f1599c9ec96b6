/** Mean and sample standard deviation (n − 1) of values across restarts; std is null below two. */
export interface Spread {
  n: number;
  mean: number;
  std: number | null;
}

export function spreadOf(values: readonly number[]): Spread | null {
  const n = values.length;
  if (n === 0) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { n, mean, std: n < 2 ? null : Math.sqrt(squares / (n - 1)) };
}
