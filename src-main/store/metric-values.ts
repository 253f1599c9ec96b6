/** Metric values keyed `<split>.<metric>`, e.g. `{ "val.loss": 0.31, "test.accuracy": 0.92 }`. */
export type MetricValues = Record<string, number>;

/** Checks a `{ "<split>.<metric>": number }` record before it is stored as JSON. */
export function checkMetricValues(values: MetricValues, where: string): MetricValues {
  for (const [key, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(
        `${where}: metric ${JSON.stringify(key)} must be a finite number, received ${JSON.stringify(value)}`,
      );
    }
  }
  return values;
}
