import { improves } from '@shared/training/monitor';
import type { MetricDirection } from './metric-direction';

/** Best and last point of one run's metric and how many points it has, as run_metric_summary keeps them. */
export interface MetricSummary {
  bestValue: number | null;
  bestStep: number | null;
  bestEpoch: number | null;
  lastValue: number | null;
  lastStep: number;
  lastEpoch: number;
  pointCount: number;
}

export interface SummaryPoint {
  step: number;
  epoch: number;
  value: number;
}

/** The first point is the best so far whatever its value (even ±∞), unless it is NaN. */
function newBest(direction: MetricDirection, value: number, best: number | null): boolean {
  return best === null ? !Number.isNaN(value) : improves(direction, value, best);
}

/**
 * Folds points (in step order, after everything `summary` has seen) into the summary. The best is
 * the first point reaching the best value in the key's direction, NaN never counts, and keys
 * without a direction have no best.
 */
export function foldSummary(
  summary: MetricSummary | undefined,
  direction: MetricDirection | null,
  points: readonly SummaryPoint[],
): MetricSummary | undefined {
  const last = points[points.length - 1];
  if (last === undefined) return summary;
  let bestValue = summary?.bestValue ?? null;
  let bestStep = summary?.bestStep ?? null;
  let bestEpoch = summary?.bestEpoch ?? null;
  if (direction !== null) {
    for (const point of points) {
      if (newBest(direction, point.value, bestValue)) {
        bestValue = point.value;
        bestStep = point.step;
        bestEpoch = point.epoch;
      }
    }
  }
  return {
    bestValue,
    bestStep,
    bestEpoch,
    lastValue: Number.isNaN(last.value) ? null : last.value,
    lastStep: last.step,
    lastEpoch: last.epoch,
    pointCount: (summary?.pointCount ?? 0) + points.length,
  };
}
