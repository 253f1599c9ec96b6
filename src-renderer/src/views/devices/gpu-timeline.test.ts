import { describe, expect, it } from 'vitest';
import { gpuTimelines } from './gpu-timeline';

const sample = (
  gpuIndex: number,
  second: number,
  utilization: number | null,
  used: number | null,
) => ({
  gpuIndex,
  at: new Date(second * 1000).toISOString(),
  utilizationPercent: utilization,
  memoryUsedMiB: used,
  memoryTotalMiB: 1000,
});

describe('gpuTimelines', () => {
  it('groups by GPU, sorts by time, keeps the latest and turns memory into a share', () => {
    const timelines = gpuTimelines(
      [
        sample(1, 5, 50, 500),
        sample(0, 3, 10, null),
        sample(0, 1, 20, 250),
        sample(0, 2, null, 100),
      ],
      2,
    );
    expect(timelines).toEqual([
      { gpuIndex: 0, time: [2, 3], utilization: [null, 10], memory: [10, null] },
      { gpuIndex: 1, time: [5], utilization: [50], memory: [50] },
    ]);
  });
});
