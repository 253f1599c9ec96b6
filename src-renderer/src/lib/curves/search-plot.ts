/**
 * The geometry of the two plots that read a random search: parallel coordinates (one axis per
 * searched setting and one for the metric, a line per run) and metric-against-value scatters.
 * Values are placed on a log axis when they are all positive and span more than a factor of 20,
 * as learning rates and weight decays are searched.
 */

export interface SearchPoint {
  runId: number;
  /** The run's value of each searched setting. */
  values: Record<string, number>;
  metric: number;
}

export interface Axis {
  name: string;
  min: number;
  max: number;
  log: boolean;
}

/** Where `value` sits on `axis`, from 0 (min) to 1 (max). */
export function position(axis: Axis, value: number): number {
  const [low, high, at] = axis.log
    ? [Math.log10(axis.min), Math.log10(axis.max), Math.log10(value)]
    : [axis.min, axis.max, value];
  return high === low ? 0.5 : (at - low) / (high - low);
}

export function axisOf(name: string, values: readonly number[]): Axis {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { name, min, max, log: min > 0 && max / min > 20 };
}

/** Numbers written in a flattened config (`"0.01"` → 0.01); anything else is not plotted. */
export function numericValue(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
}

/** The points of runs that have a metric and a number for every path. */
export function searchPoints(
  runIds: readonly number[],
  paths: readonly string[],
  valueOf: (runId: number, path: string) => string | undefined,
  metricOf: (runId: number) => number | null,
): SearchPoint[] {
  return runIds.flatMap((runId) => {
    const metric = metricOf(runId);
    if (metric === null || !Number.isFinite(metric)) return [];
    const values: Record<string, number> = {};
    for (const path of paths) {
      const value = numericValue(valueOf(runId, path));
      if (value === null) return [];
      values[path] = value;
    }
    return [{ runId, values, metric }];
  });
}

/**
 * Each run's polyline over the axes (x evenly spaced, y from the top), and its metric's place
 * from 0 (lowest) to 1 (highest), which colours it.
 */
export function parallelLines(
  points: readonly SearchPoint[],
  paths: readonly string[],
  size: { width: number; height: number; pad: number },
): { axes: (Axis & { x: number })[]; lines: { runId: number; points: string; shade: number }[] } {
  if (points.length === 0) return { axes: [], lines: [] };
  const names = [...paths, 'metric'];
  const valueOf = (point: SearchPoint, name: string) =>
    name === 'metric' ? point.metric : (point.values[name] as number);
  const step = (size.width - 2 * size.pad) / Math.max(1, names.length - 1);
  const axes = names.map((name, i) => ({
    ...axisOf(
      name,
      points.map((point) => valueOf(point, name)),
    ),
    x: size.pad + i * step,
  }));
  const metricAxis = axes.at(-1) as Axis;
  const y = (axis: Axis, value: number) =>
    size.height - size.pad - position(axis, value) * (size.height - 2 * size.pad);
  const lines = points.map((point) => ({
    runId: point.runId,
    points: axes
      .map((axis) => `${axis.x.toFixed(1)},${y(axis, valueOf(point, axis.name)).toFixed(1)}`)
      .join(' '),
    shade: position(metricAxis, point.metric),
  }));
  return { axes, lines };
}
