import type { DeviceSample } from '@shared/contract/devices';

/** One GPU's samples as aligned columns: seconds since the epoch, utilisation %, memory used %. */
export interface GpuTimeline {
  gpuIndex: number;
  time: number[];
  utilization: (number | null)[];
  memory: (number | null)[];
}

function memoryShare(sample: DeviceSample): number | null {
  const { memoryUsedMiB: used, memoryTotalMiB: total } = sample;
  return used === null || total === null || total === 0 ? null : (100 * used) / total;
}

/** Samples grouped by GPU and sorted by time; at most `keep` of the latest per GPU. */
export function gpuTimelines(samples: readonly DeviceSample[], keep: number): GpuTimeline[] {
  const byGpu = new Map<number, DeviceSample[]>();
  for (const sample of samples) {
    const list = byGpu.get(sample.gpuIndex) ?? [];
    list.push(sample);
    byGpu.set(sample.gpuIndex, list);
  }
  return [...byGpu]
    .sort(([a], [b]) => a - b)
    .map(([gpuIndex, list]) => {
      const latest = list.toSorted((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-keep);
      return {
        gpuIndex,
        time: latest.map((s) => Date.parse(s.at) / 1000),
        utilization: latest.map((s) => s.utilizationPercent),
        memory: latest.map(memoryShare),
      };
    });
}
