import type uPlot from 'uplot';
import type { RegressionDiagnostics } from '@shared/contract/diagnostics';

/**
 * uPlot draws x in ascending order; a precision-recall curve arrives with recall falling, so it is
 * turned around. Points already ascending are returned as they are.
 */
export function ascendingXY(xs: readonly number[], ys: readonly number[]): uPlot.AlignedData {
  const rising = (xs[0] ?? 0) <= (xs.at(-1) ?? 0);
  return rising ? [[...xs], [...ys]] : [[...xs].reverse(), [...ys].reverse()];
}

/**
 * Predicted against actual, ordered by actual so uPlot can draw the points, with the line where
 * prediction equals the actual value as a second series.
 */
export function predictedVsActual(diagnostics: RegressionDiagnostics): uPlot.AlignedData {
  const order = diagnostics.actual.map((_, i) => i);
  order.sort((a, b) => (diagnostics.actual[a] as number) - (diagnostics.actual[b] as number));
  const actual = order.map((i) => diagnostics.actual[i] as number);
  return [actual, order.map((i) => diagnostics.predicted[i] as number), actual];
}
