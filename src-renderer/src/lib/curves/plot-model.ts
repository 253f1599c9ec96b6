/**
 * What a curve chart draws, independent of uPlot: lines (one per run and key, or a group's mean)
 * with their own x, and shaded min–max bands under them.
 */
export interface PlotLine {
  id: string;
  label: string;
  color: string;
  /** Training curves are dashed, validation and everything else solid. */
  dashed: boolean;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** The best epoch's point, drawn as a marker. */
  best: { x: number; y: number } | null;
}

export interface PlotBand {
  id: string;
  color: string;
  x: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
}

export interface PlotModel {
  lines: PlotLine[];
  bands: PlotBand[];
}

/** A visible x range; null means the whole curve. */
export type XRange = { from: number; to: number } | null;

/**
 * Colour of the n-th run or group: the theme's palette first, then hues a golden angle apart so
 * that hundreds of runs stay tellable apart from their neighbours.
 */
export function colorAt(index: number, palette: readonly string[], dark: boolean): string {
  const fromPalette = palette[index];
  if (fromPalette !== undefined) return fromPalette;
  const hue = (index * 137.508) % 360;
  return `hsl(${hue.toFixed(1)} 65% ${dark ? 65 : 42}%)`;
}
