import type { bandSchema, curvesBandsParamsSchema } from '@shared/contract/curves';
import { aggregateRuns, downsampleMinMax, type RunCurve } from '@shared/series';
import type { z } from 'zod';
import { toShownX, toStoredRange } from '../curves/axis';
import { createCurveReader } from '../curves/curve-reader';
import type { Db } from '../database';
import type { MetricKeyCatalog } from '../metric-keys';

export type BandsQuery = z.output<typeof curvesBandsParamsSchema>;
export type Band = z.infer<typeof bandSchema>;

function indexColumn(length: number): Float64Array {
  const indices = new Float64Array(length);
  for (let i = 0; i < length; i++) indices[i] = i;
  return indices;
}

/**
 * Which band points to draw: the union of what the min/max-preserving downsampler keeps of the
 * lower and of the upper envelope, so a spike of a single run survives; about `resolution` points.
 */
function keptIndices(min: Float64Array, max: Float64Array, resolution: number): number[] {
  const buckets = Math.max(1, Math.floor(resolution / 4));
  const indices = indexColumn(min.length);
  const kept = new Set([
    ...downsampleMinMax(indices, min, buckets).x,
    ...downsampleMinMax(indices, max, buckets).x,
  ]);
  return [...kept].sort((a, b) => a - b);
}

/** Mean x at each step, for axes other than the step itself (epochs agree; wall times differ). */
function xAtSteps(runs: readonly RunCurve[], steps: Float64Array): Float64Array {
  const xs = aggregateRuns(runs);
  const out = new Float64Array(steps.length);
  let at = 0;
  steps.forEach((step, i) => {
    while (xs.steps[at] !== step) at++;
    out[i] = xs.mean[at]!;
  });
  return out;
}

/**
 * Mean, min, max and standard deviation across each group's runs, aligned by step (restarts of an
 * experiment log at the same steps), from the full-resolution curves; then thinned for drawing.
 */
export function createBandsQuery(db: Db, keys: MetricKeyCatalog) {
  const readers = {
    step: createCurveReader(db, 'step'),
    epoch: createCurveReader(db, 'epoch'),
    wallTime: createCurveReader(db, 'wallTime'),
  };
  const selectStart = db
    .prepare<[number], number | null>('SELECT started_at FROM runs WHERE id = ?')
    .pluck();

  function band(query: BandsQuery, label: string, runIds: readonly number[], key: string): Band {
    const keyId = keys.find(key)?.id;
    const started = runIds.flatMap((runId) => {
      const startedAt = selectStart.get(runId) ?? null;
      if (keyId === undefined || (startedAt === null && query.x === 'wallTime')) return [];
      return [
        {
          runId,
          keyId,
          startedAt: startedAt ?? 0,
          range: toStoredRange(query.x, query.range, startedAt ?? 0),
        },
      ];
    });
    const reads = readers[query.x].read(started, 0);
    const values: RunCurve[] = reads.map((read) => ({ steps: read.step, values: read.value }));
    const xs: RunCurve[] = reads.map((read, i) => ({
      steps: read.step,
      values: toShownX(query.x, read.x, started[i]!.startedAt),
    }));
    const bands = aggregateRuns(values);
    const x = query.x === 'step' ? bands.steps : xAtSteps(xs, bands.steps);
    const kept = keptIndices(bands.min, bands.max, query.resolution);
    const pick = (column: ArrayLike<number>) => kept.map((i) => column[i]!);
    return {
      label,
      key,
      x: pick(x),
      mean: pick(bands.mean),
      min: pick(bands.min),
      max: pick(bands.max),
      std: pick(bands.std),
      count: pick(bands.count),
    };
  }

  return (query: BandsQuery): Band[] =>
    query.groups.flatMap((group) =>
      query.keys.map((key) => band(query, group.label, group.runIds, key)),
    );
}
