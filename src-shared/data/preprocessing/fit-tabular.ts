import type { MissingValuePolicy } from '../../experiment/data';
import type { Table, TableColumn } from '../table/table';
import { affineFrom, summarize } from './affine';
import type { FeatureStats, Scaling, TabularPreprocessing } from './stats';

export interface TabularOptions {
  scale: Scaling;
  oneHot: boolean;
  missing: MissingValuePolicy;
}

/**
 * Fits imputation, scaling and one-hot categories on the training rows only, in the order of a
 * scikit-learn pipeline (SimpleImputer → StandardScaler/MinMaxScaler, OneHotEncoder or
 * OrdinalEncoder), so the scale is measured on imputed values; categories are never scaled.
 */
export function fitTabular(
  table: Table,
  featureColumns: readonly string[],
  trainRows: readonly number[],
  options: TabularOptions,
): TabularPreprocessing {
  if (trainRows.length === 0)
    throw new Error(`${table.name}: the training split is empty; nothing to fit preprocessing on`);
  const features = featureColumns.map((name): FeatureStats => {
    const column = table.columns.find((c) => c.name === name);
    if (column === undefined) throw new Error(`${table.name}: no feature column "${name}"`);
    return fitColumn(column, trainRows, options);
  });
  const featureNames = features.flatMap((f) =>
    f.kind === 'categorical' && f.encoding === 'one-hot'
      ? f.categories.map((category) => `${f.column}=${category}`)
      : [f.column],
  );
  return { kind: 'tabular', features, featureNames };
}

function fitColumn(
  column: TableColumn,
  rows: readonly number[],
  options: TabularOptions,
): FeatureStats {
  if (column.type === 'categorical') {
    const present = rows
      .map((r) => column.values[r] ?? null)
      .filter((v): v is string => v !== null);
    if (present.length === 0) throw noTrainingValues(column.name);
    const categories = [...new Set(present)].sort();
    const imputes =
      options.missing === 'mean' || options.missing === 'median' || options.missing === 'mode';
    // Mean and median do not exist for categories: they are imputed with the most frequent one.
    const fill = imputes ? mostFrequent(present, (a, b) => (a < b ? -1 : a > b ? 1 : 0)) : null;
    return {
      column: column.name,
      kind: 'categorical',
      fill,
      categories,
      encoding: options.oneHot ? 'one-hot' : 'ordinal',
    };
  }
  const present = rows.map((r) => column.values[r] ?? NaN).filter((v) => !Number.isNaN(v));
  if (present.length === 0) throw noTrainingValues(column.name);
  const fill = numericFill(present, options.missing);
  const imputed =
    fill === null
      ? present
      : rows.map((r) => (Number.isNaN(column.values[r] ?? NaN) ? fill : (column.values[r] ?? NaN)));
  return {
    column: column.name,
    kind: 'numeric',
    fill,
    ...affineFrom(summarize(imputed), options.scale),
  };
}

function noTrainingValues(column: string): Error {
  return new Error(
    `column "${column}": every value in the training split is missing; set its type to ignored`,
  );
}

function numericFill(present: number[], policy: MissingValuePolicy): number | null {
  switch (policy) {
    case 'drop':
    case 'error':
      return null;
    case 'mean':
      return mean(present);
    case 'median':
      return median(present);
    case 'mode':
      return mostFrequent(present, (a, b) => a - b);
  }
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? NaN) + upper) / 2;
}

/** The most frequent value; ties go to the smallest, as in scikit-learn's SimpleImputer. */
function mostFrequent<T>(values: T[], compare: (a: T, b: T) => number): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (
      count > bestCount ||
      (count === bestCount && best !== undefined && compare(value, best) < 0)
    ) {
      best = value;
      bestCount = count;
    }
  }
  if (best === undefined) throw new Error('no training values to take the most frequent of');
  return best;
}
