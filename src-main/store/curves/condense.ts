import { downsampleMinMax } from '@shared/series';
import type { CurveColumns } from './curve-columns';

/**
 * Chooses which of the points to keep so that at most `count` of them still show the curve's
 * extremes; returns their indices in increasing order.
 */
export type Condense = (columns: CurveColumns, count: number) => ArrayLike<number>;

/**
 * The min/max-preserving downsampler over the values, fed the point indices as x so the chosen
 * points come back as indices and keep their step, epoch and wall time.
 */
export const condenseMinMax: Condense = (columns, count) => {
  const indices = new Float64Array(columns.value.length);
  for (let i = 0; i < indices.length; i++) indices[i] = i;
  return downsampleMinMax(indices, columns.value, Math.max(1, Math.floor(count / 2))).x;
};
