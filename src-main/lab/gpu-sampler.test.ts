import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GpuDiscovery } from '@shared/devices/nvidia-smi';
import type { NewDeviceSample } from '../store/device-samples-repository';
import { startGpuSampler } from './gpu-sampler';

const oneGpu: GpuDiscovery = {
  devices: [
    {
      index: 0,
      name: 'NVIDIA H100',
      memoryTotalMiB: 81559,
      memoryUsedMiB: 1200,
      utilizationPercent: 42,
      driverVersion: '550.54',
    },
  ],
  reason: null,
};

describe('startGpuSampler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('samples every interval only while active', async () => {
    const recorded: NewDeviceSample[][] = [];
    const read = vi.fn(() => Promise.resolve(oneGpu));
    const sampler = startGpuSampler({
      intervalMs: 1000,
      read,
      record: (samples) => recorded.push(samples),
      now: () => 1_767_225_600_000,
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).not.toHaveBeenCalled();

    sampler.setActive(true);
    await vi.advanceTimersByTimeAsync(3500);
    expect(read).toHaveBeenCalledTimes(3);
    expect(recorded[0]).toEqual([
      {
        gpuIndex: 0,
        at: 1_767_225_600_000,
        utilizationPercent: 42,
        memoryUsedMiB: 1200,
        memoryTotalMiB: 81559,
      },
    ]);

    sampler.setActive(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).toHaveBeenCalledTimes(3);
    sampler.stop();
  });

  it('never overlaps a slow read and records nothing without GPUs', async () => {
    let resolveRead: (value: GpuDiscovery) => void = () => undefined;
    const read = vi.fn(() => new Promise<GpuDiscovery>((resolve) => (resolveRead = resolve)));
    const record = vi.fn();
    const sampler = startGpuSampler({ intervalMs: 100, read, record });
    sampler.setActive(true);
    await vi.advanceTimersByTimeAsync(150);
    sampler.setActive(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(1);
    resolveRead({ devices: [], reason: 'nvidia-smi was not found on PATH' });
    await vi.advanceTimersByTimeAsync(150);
    expect(read).toHaveBeenCalledTimes(2);
    expect(record).not.toHaveBeenCalled();
    sampler.stop();
  });
});
