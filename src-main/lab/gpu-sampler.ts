import type { GpuDiscovery } from '@shared/devices/nvidia-smi';
import type { NewDeviceSample } from '../store/device-samples-repository';

export interface GpuSamplerOptions {
  intervalMs: number;
  /** One nvidia-smi reading; never throws (a failure is a discovery with no devices). */
  read: () => Promise<GpuDiscovery>;
  record: (samples: NewDeviceSample[]) => void;
  /** Milliseconds since the Unix epoch. */
  now?: () => number;
}

export interface GpuSampler {
  /** Samples while true; the lab sets it whenever runs start or stop. */
  setActive(active: boolean): void;
  stop(): void;
}

/**
 * Reads GPU utilisation and memory every interval while runs are active. A read never overlaps
 * the previous one, so a slow nvidia-smi stretches the interval instead of piling up processes.
 */
export function startGpuSampler(options: GpuSamplerOptions): GpuSampler {
  const now = options.now ?? Date.now;
  let active = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let reading = false;

  async function sampleOnce(): Promise<void> {
    timer = undefined;
    reading = true;
    const at = now();
    const discovery = await options.read();
    reading = false;
    if (stopped) return;
    const samples = discovery.devices.map((gpu) => ({
      gpuIndex: gpu.index,
      at,
      utilizationPercent: gpu.utilizationPercent,
      memoryUsedMiB: gpu.memoryUsedMiB,
      memoryTotalMiB: gpu.memoryTotalMiB,
    }));
    if (samples.length > 0) options.record(samples);
    schedule();
  }

  function schedule(): void {
    if (!active || stopped || reading || timer !== undefined) return;
    timer = setTimeout(() => void sampleOnce(), options.intervalMs);
    timer.unref();
  }

  return {
    setActive(next) {
      active = next;
      if (active) schedule();
      else if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      }
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
