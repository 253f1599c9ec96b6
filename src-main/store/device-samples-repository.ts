import type { DeviceSample } from '@shared/contract/devices';
import { isoTime } from './columns';
import type { Db } from './database';

/** A GPU reading as the sampler takes it; `at` is milliseconds since the Unix epoch. */
export interface NewDeviceSample {
  at: number;
  gpuIndex: number;
  utilizationPercent: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
}

interface SampleRow {
  at: number;
  gpu_index: number;
  utilization_percent: number | null;
  memory_used_mib: number | null;
  memory_total_mib: number | null;
}

/** GPU utilisation and memory readings taken while runs are active. */
export function createDeviceSamplesRepository(db: Db) {
  const insert = db.prepare(`
    INSERT OR REPLACE INTO device_samples (at, gpu_index, utilization_percent, memory_used_mib, memory_total_mib)
    VALUES (@at, @gpuIndex, @utilizationPercent, @memoryUsedMiB, @memoryTotalMiB)`);
  // The newest `limit` samples, handed back oldest first.
  const select = db.prepare<{ since: number; gpuIndex: number | null; limit: number }, SampleRow>(`
    SELECT * FROM (
      SELECT * FROM device_samples
      WHERE at >= @since AND (@gpuIndex IS NULL OR gpu_index = @gpuIndex)
      ORDER BY at DESC, gpu_index LIMIT @limit
    ) ORDER BY at, gpu_index`);
  const deleteBefore = db.prepare('DELETE FROM device_samples WHERE at < ?');

  return {
    record: db.transaction((samples: readonly NewDeviceSample[]): void => {
      for (const sample of samples) insert.run({ ...sample, at: Math.round(sample.at) });
    }),

    list(filter: { gpuIndex?: number; since?: number; limit: number }): DeviceSample[] {
      return select
        .all({ since: filter.since ?? 0, gpuIndex: filter.gpuIndex ?? null, limit: filter.limit })
        .map((row) => ({
          gpuIndex: row.gpu_index,
          at: isoTime(row.at),
          utilizationPercent: row.utilization_percent,
          memoryUsedMiB: row.memory_used_mib,
          memoryTotalMiB: row.memory_total_mib,
        }));
    },

    /** Forgets samples older than `at`; returns how many. */
    deleteBefore(at: number): number {
      return deleteBefore.run(at).changes;
    },
  };
}

export type DeviceSamplesRepository = ReturnType<typeof createDeviceSamplesRepository>;
