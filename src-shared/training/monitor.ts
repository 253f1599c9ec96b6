/**
 * A monitored metric and the direction in which it improves: what the best checkpoint, early
 * stopping, model selection and the stored best value all compare by.
 */
export type MonitorMode = 'min' | 'max';

export interface Monitor {
  /** A metric key, `<split>.<metric>` (e.g. `val.loss`). */
  key: string;
  mode: MonitorMode;
}

/**
 * Keras `MonitorCallback._is_improvement`: `value` beats `reference` by more than `minDelta` in
 * `mode`'s direction. A null reference is Keras's starting best (+∞ for min, −∞ for max); NaN
 * never improves.
 */
export function improves(
  mode: MonitorMode,
  value: number,
  reference: number | null,
  minDelta = 0,
): boolean {
  if (mode === 'min') return value + Math.abs(minDelta) < (reference ?? Infinity);
  return value - Math.abs(minDelta) > (reference ?? -Infinity);
}
