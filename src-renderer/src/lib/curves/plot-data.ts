import type { PlotModel, XRange } from './plot-model';

/** uPlot's faceted data (mode 2): one [x, y] pair per line; null is a gap. */
export type FacetedData = [null, ...[number[], (number | null)[]][]];

/**
 * The lines as uPlot draws them. A log scale cannot show zero or less, so those points become
 * gaps rather than breaking the axis; non-finite values are gaps too.
 */
export function plotData(model: PlotModel, logY: boolean): FacetedData {
  const data: FacetedData = [null];
  for (const line of model.lines) {
    const x = Array.from(line.x);
    const y = Array.from(line.y, (value) =>
      Number.isFinite(value) && (!logY || value > 0) ? value : null,
    );
    data.push([x, y]);
  }
  return data;
}

/** The x span of every line and band; null when there is nothing to show. */
export function plotExtent(model: PlotModel): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const { x } of [...model.lines, ...model.bands]) {
    for (let i = 0; i < x.length; i++) {
      const value = x[i] as number;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return min <= max ? { min, max } : null;
}

/** The range scaled by `factor` around `at`, which stays where it is on screen. */
export function zoomedRange(
  range: { from: number; to: number },
  at: number,
  factor: number,
): XRange {
  const from = at - (at - range.from) * factor;
  const to = at + (range.to - at) * factor;
  return to > from ? { from, to } : range;
}

/** The range moved by `share` of its width (negative: to the left). */
export function pannedRange(range: { from: number; to: number }, share: number): XRange {
  const shift = (range.to - range.from) * share;
  return { from: range.from + shift, to: range.to + shift };
}

/** The range grown by `share` of its width on each side, so that panning finds points waiting. */
export function widenedRange(range: XRange, share: number): XRange {
  if (range === null) return null;
  const margin = (range.to - range.from) * share;
  return { from: range.from - margin, to: range.to + margin };
}
