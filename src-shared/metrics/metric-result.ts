/**
 * A metric's value, or the reason it does not exist for this data (an AUC on a split that holds a
 * single class, R² of a constant target). Metrics never return NaN or ±Infinity: the UI shows the
 * reason where a number would have been.
 *
 * Bad input (mismatched lengths, a probability of 1.3, a class index of 2.5) is a bug in the caller,
 * not a property of the data, and throws an Error that names the argument and the offending entry.
 */
export type MetricResult<T = number> =
  | { readonly defined: true; readonly value: T }
  | { readonly defined: false; readonly reason: string };

export function defined<T>(value: T): MetricResult<T> {
  return { defined: true, value };
}

export function undefinedBecause(reason: string): MetricResult<never> {
  return { defined: false, reason };
}

export const NO_SAMPLES = 'there are no samples';
