import type { MetricPoint, MetricsRepository } from './metrics-repository';

/** The metrics a trainer reports at the end of an epoch (or every few batches). */
export interface EpochMetrics {
  step: number;
  epoch: number;
  /** Milliseconds since the Unix epoch. */
  wallTime: number;
  /** Keyed `<split>.<metric>`, e.g. `{ "train.loss": 0.41, "val.accuracy": 0.87 }`. */
  values: Readonly<Record<string, number>>;
}

/**
 * A quarter of a second of points at 200,000 points/s. Bigger transactions rewrite each curve's
 * last B-tree page fewer times per point, which is what ingest speed comes down to.
 */
export const DEFAULT_FLUSH_POINTS = 50_000;
export const DEFAULT_FLUSH_DELAY_MS = 250;

export interface MetricWriterOptions {
  /** Flush once this many points are waiting; DEFAULT_FLUSH_POINTS if not given. */
  maxPoints?: number;
  /** Flush at most this long after the first point arrived; DEFAULT_FLUSH_DELAY_MS if not given. */
  maxDelayMs?: number;
  /** Receives the error of a timed flush; its points are dropped. */
  onError: (error: unknown) => void;
}

/**
 * Buffers metric points from every running trainer and writes them in one transaction per flush,
 * so a burst of small epoch messages costs one commit, not one each.
 */
export function createMetricWriter(metrics: MetricsRepository, options: MetricWriterOptions) {
  const maxPoints = options.maxPoints ?? DEFAULT_FLUSH_POINTS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_FLUSH_DELAY_MS;
  let pending: MetricPoint[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  /** Writes what is waiting; throws what the store throws, after dropping those points. */
  function flush(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    const batch = pending;
    pending = [];
    metrics.ingest(batch);
  }

  function flushOnTimer(): void {
    timer = null;
    try {
      flush();
    } catch (error) {
      options.onError(error);
    }
  }

  function add(points: readonly MetricPoint[]): void {
    for (const point of points) pending.push(point);
    if (pending.length >= maxPoints) flush();
    else if (timer === null && pending.length > 0) {
      timer = setTimeout(flushOnTimer, maxDelayMs);
      timer.unref();
    }
  }

  return {
    add,
    flush,

    addEpoch(runId: number, report: EpochMetrics): void {
      add(
        Object.entries(report.values).map(([key, value]) => ({
          runId,
          key,
          step: report.step,
          epoch: report.epoch,
          value,
          wallTime: report.wallTime,
        })),
      );
    },

    /** Points waiting for the next flush. */
    get pendingPoints(): number {
      return pending.length;
    },
  };
}

export type MetricWriter = ReturnType<typeof createMetricWriter>;
