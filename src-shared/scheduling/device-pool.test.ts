import { describe, expect, it } from 'vitest';
import { LabError } from '../contract/envelope';
import { buildDevicePool, slotEnvironment } from './device-pool';

const gpus = [
  { index: 0, name: 'NVIDIA H100' },
  { index: 1, name: 'NVIDIA H100' },
];

describe('buildDevicePool', () => {
  it('gives every GPU its slots and then the CPU slots', () => {
    const pool = buildDevicePool({ gpus, useGpus: null, slotsPerGpu: 2, cpuSlots: 1 });
    expect(pool.map((slot) => slot.id)).toEqual(['gpu0:0', 'gpu0:1', 'gpu1:0', 'gpu1:1', 'cpu:0']);
    expect(pool[1]).toEqual({
      id: 'gpu0:1',
      kind: 'gpu',
      gpuIndex: 0,
      label: 'GPU 0 (NVIDIA H100) slot 2/2',
    });
    expect(pool[4]).toMatchObject({ kind: 'cpu', gpuIndex: null });
  });

  it('uses only the chosen GPUs, once each', () => {
    const pool = buildDevicePool({ gpus, useGpus: [1, 1], slotsPerGpu: 1, cpuSlots: 0 });
    expect(pool.map((slot) => slot.id)).toEqual(['gpu1:0']);
  });

  it('names a GPU that discovery did not find', () => {
    const build = () => buildDevicePool({ gpus, useGpus: [3], slotsPerGpu: 1, cpuSlots: 2 });
    expect(build).toThrow(LabError);
    expect(build).toThrow('gpus: GPU 3 was not found on this machine (GPUs found: 0, 1)');
    expect(() => buildDevicePool({ gpus: [], useGpus: [0], slotsPerGpu: 1, cpuSlots: 2 })).toThrow(
      '(GPUs found: none)',
    );
  });

  it('rejects slot counts that are not whole numbers in range', () => {
    expect(() => buildDevicePool({ gpus, useGpus: null, slotsPerGpu: 0, cpuSlots: 1 })).toThrow(
      'slotsPerGpu must be a whole number ≥ 1, received 0',
    );
    expect(() => buildDevicePool({ gpus, useGpus: null, slotsPerGpu: 1, cpuSlots: 1.5 })).toThrow(
      'cpuSlots must be a whole number ≥ 0, received 1.5',
    );
  });

  it('refuses an empty pool', () => {
    expect(() => buildDevicePool({ gpus: [], useGpus: null, slotsPerGpu: 1, cpuSlots: 0 })).toThrow(
      'The device pool is empty',
    );
  });
});

describe('slotEnvironment', () => {
  it('shows a GPU slot only its GPU and hides every GPU from a CPU slot', () => {
    const [gpuSlot, cpuSlot] = buildDevicePool({
      gpus: [{ index: 3, name: 'A100' }],
      useGpus: null,
      slotsPerGpu: 1,
      cpuSlots: 1,
    });
    expect(slotEnvironment(gpuSlot!)).toEqual({
      CUDA_DEVICE_ORDER: 'PCI_BUS_ID',
      CUDA_VISIBLE_DEVICES: '3',
    });
    expect(slotEnvironment(cpuSlot!)).toMatchObject({ CUDA_VISIBLE_DEVICES: '' });
  });
});
