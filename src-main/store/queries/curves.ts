import type { curveSchema, curvesGetParamsSchema } from '@shared/contract/curves';
import { downsampleMinMax } from '@shared/series';
import type { z } from 'zod';
import { toShownX, toStoredRange } from '../curves/axis';
import { createCurveReader, type CurveRequest } from '../curves/curve-reader';
import type { Db } from '../database';
import type { MetricKeyCatalog } from '../metric-keys';
import { toNumbers } from './numbers';

export type CurvesQuery = z.output<typeof curvesGetParamsSchema>;
export type Curve = z.infer<typeof curveSchema>;

/**
 * Curves of runs × keys, each downsampled min/max-preserving to at most `resolution` points over
 * `range` (the whole curve without one); the UI asks again with a narrower range to zoom. A run or
 * key with nothing recorded gives an empty curve.
 */
export function createCurvesQuery(db: Db, keys: MetricKeyCatalog) {
  const readers = {
    step: createCurveReader(db, 'step'),
    epoch: createCurveReader(db, 'epoch'),
    wallTime: createCurveReader(db, 'wallTime'),
  };
  const selectStart = db
    .prepare<[number], number | null>('SELECT started_at FROM runs WHERE id = ?')
    .pluck();

  return (query: CurvesQuery): Curve[] => {
    const wanted = query.runIds.flatMap((runId) => {
      const startedAt = selectStart.get(runId) ?? null;
      return query.keys.map((key) => ({ runId, key, keyId: keys.find(key)?.id, startedAt }));
    });
    const requests: (CurveRequest & { startedAt: number })[] = [];
    // Per wanted curve, its request, or −1 when there is nothing to read: a key never recorded, or
    // seconds since a start that never happened.
    const slots = wanted.map(({ runId, keyId, startedAt }) => {
      if (keyId === undefined || (startedAt === null && query.x === 'wallTime')) return -1;
      const origin = startedAt ?? 0;
      return (
        requests.push({
          runId,
          keyId,
          startedAt: origin,
          range: toStoredRange(query.x, query.range, origin),
        }) - 1
      );
    });
    const read = readers[query.x].read(requests, query.resolution);
    const buckets = Math.max(1, Math.floor(query.resolution / 2));
    return wanted.map(({ runId, key }, w) => {
      const slot = slots[w]!;
      if (slot < 0) return { runId, key, x: [], y: [] };
      const curve = read[slot]!;
      const shown = downsampleMinMax(
        toShownX(query.x, curve.x, requests[slot]!.startedAt),
        curve.value,
        buckets,
      );
      return { runId, key, x: toNumbers(shown.x), y: toNumbers(shown.y) };
    });
  };
}
