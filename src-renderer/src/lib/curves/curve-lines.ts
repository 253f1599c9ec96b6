import type { z } from 'zod';
import type { bandSchema, curveSchema } from '@shared/contract/curves';
import { smoothEma } from '@shared/series';
import type { PlotLine, PlotModel } from './plot-model';

export type Curve = z.infer<typeof curveSchema>;
export type Band = z.infer<typeof bandSchema>;

export interface LineLook {
  label: string;
  color: string;
}

const isTraining = (key: string) => key.startsWith('train.');

/**
 * The point of the best epoch on the drawn line: where the raw curve reaches the run's best value
 * (the min/max-preserving downsampler always keeps a curve's extremes), at the smoothed height.
 */
function bestPoint(curve: Curve, drawn: ArrayLike<number>, best: number | null): PlotLine['best'] {
  if (best === null) return null;
  const at = curve.y.indexOf(best);
  return at < 0 ? null : { x: curve.x[at] as number, y: drawn[at] as number };
}

/**
 * One line per run and key, smoothed with TensorBoard's EMA (`smoothing` 0 draws the raw values),
 * validation curves with a best-epoch marker.
 */
export function runLines(
  curves: readonly Curve[],
  options: {
    smoothing: number;
    lookOf: (runId: number) => LineLook;
    bestOf: (runId: number, key: string) => number | null;
  },
): PlotModel {
  const lines = curves
    .filter((curve) => curve.x.length > 0)
    .map((curve): PlotLine => {
      const look = options.lookOf(curve.runId);
      const y = smoothEma(curve.y, options.smoothing);
      const marked = curve.key.startsWith('val.');
      return {
        id: `${curve.runId}:${curve.key}`,
        label: `${look.label} ${curve.key}`,
        color: look.color,
        dashed: isTraining(curve.key),
        x: curve.x,
        y,
        best: marked ? bestPoint(curve, y, options.bestOf(curve.runId, curve.key)) : null,
      };
    });
  return { lines, bands: [] };
}

/** Each group's mean as a line over its min–max band, all smoothed alike. */
export function bandLines(
  bands: readonly Band[],
  options: { smoothing: number; colorOf: (label: string) => string },
): PlotModel {
  const shown = bands.filter((band) => band.x.length > 0);
  return {
    lines: shown.map((band) => ({
      id: `${band.label}:${band.key}`,
      label: `${band.label} ${band.key} (mean)`,
      color: options.colorOf(band.label),
      dashed: isTraining(band.key),
      x: band.x,
      y: smoothEma(band.mean, options.smoothing),
      best: null,
    })),
    bands: shown
      .filter((band) => !isTraining(band.key))
      .map((band) => ({
        id: `${band.label}:${band.key}`,
        color: options.colorOf(band.label),
        x: band.x,
        lower: smoothEma(band.min, options.smoothing),
        upper: smoothEma(band.max, options.smoothing),
      })),
  };
}

/**
 * Points per curve to ask the core for: enough for the chart's width, but with many curves fewer,
 * so that one redraw stays well inside a frame (about 60,000 points in all).
 */
export function resolutionFor(curveCount: number, widthPx: number): number {
  const TOTAL_POINTS = 60_000;
  const perCurve = Math.floor(TOTAL_POINTS / Math.max(1, curveCount));
  return Math.max(32, Math.min(Math.max(2 * Math.round(widthPx), 64), perCurve, 20_000));
}
