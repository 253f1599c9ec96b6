import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2025, 0, 1);

describe('device samples repository', () => {
  it('keeps GPU readings and hands back the newest, oldest first, per GPU or all', () => {
    const store = openStore(tempDir());
    store.deviceSamples.record(
      [0, 1, 2].flatMap((s) =>
        [0, 1].map((gpuIndex) => ({
          at: T0 + s * 1000,
          gpuIndex,
          utilizationPercent: 10 * s + gpuIndex,
          memoryUsedMiB: 100,
          memoryTotalMiB: 8000,
        })),
      ),
    );
    expect(
      store.deviceSamples.list({ gpuIndex: 1, limit: 2 }).map((s) => [s.at, s.utilizationPercent]),
    ).toEqual([
      ['2025-01-01T00:00:01.000Z', 11],
      ['2025-01-01T00:00:02.000Z', 21],
    ]);
    expect(
      store.deviceSamples.list({ since: T0 + 2000, limit: 10 }).map((s) => s.gpuIndex),
    ).toEqual([0, 1]);
    expect(store.deviceSamples.deleteBefore(T0 + 1000)).toBe(2);
    expect(store.deviceSamples.list({ limit: 10 })).toHaveLength(4);
    store.close();
  });

  it('stores a reading nvidia-smi could not take as nulls', () => {
    const store = openStore(tempDir());
    store.deviceSamples.record([
      { at: T0, gpuIndex: 0, utilizationPercent: null, memoryUsedMiB: null, memoryTotalMiB: null },
    ]);
    expect(store.deviceSamples.list({ limit: 1 })).toEqual([
      {
        gpuIndex: 0,
        at: '2025-01-01T00:00:00.000Z',
        utilizationPercent: null,
        memoryUsedMiB: null,
        memoryTotalMiB: null,
      },
    ]);
    store.close();
  });
});
