import { LabError } from '../contract/envelope';

export type SlotKind = 'gpu' | 'cpu';

/** One place a trainer can run: a share of one GPU, or one CPU core. */
export interface DeviceSlot {
  /** Stable name stored on the run: `gpu<index>:<k>` or `cpu:<k>`. */
  id: string;
  kind: SlotKind;
  /** The CUDA device index for GPU slots; null for CPU slots. */
  gpuIndex: number | null;
  label: string;
  /** Variables that point the slot's WebGPU at its own adapter (see devices/webgpu-placement). */
  adapterEnv?: Readonly<Record<string, string>>;
}

export interface DiscoveredGpu {
  index: number;
  name: string;
}

export interface PoolOptions {
  gpus: readonly DiscoveredGpu[];
  /** The GPU indices to use (`--gpus 0,1`); null uses every discovered GPU. */
  useGpus: readonly number[] | null;
  slotsPerGpu: number;
  cpuSlots: number;
}

function requireWholeAtLeast(value: number, min: number, field: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new LabError(
      'invalid_argument',
      `${field} must be a whole number ≥ ${min}, received ${String(value)}`,
    );
  }
}

/**
 * The slots runs are placed on: `slotsPerGpu` slots on every chosen GPU, then `cpuSlots` CPU slots.
 * Asking for a GPU that discovery did not find is an error naming it, never a silent CPU run.
 */
export function buildDevicePool(options: PoolOptions): DeviceSlot[] {
  requireWholeAtLeast(options.slotsPerGpu, 1, 'slotsPerGpu');
  requireWholeAtLeast(options.cpuSlots, 0, 'cpuSlots');
  const byIndex = new Map(options.gpus.map((gpu) => [gpu.index, gpu]));
  const chosen = options.useGpus ?? options.gpus.map((gpu) => gpu.index);
  const slots: DeviceSlot[] = [];
  for (const index of new Set(chosen)) {
    const gpu = byIndex.get(index);
    if (gpu === undefined) {
      const found = options.gpus.map((g) => g.index).join(', ') || 'none';
      throw new LabError(
        'invalid_argument',
        `gpus: GPU ${index} was not found on this machine (GPUs found: ${found})`,
      );
    }
    for (let k = 0; k < options.slotsPerGpu; k += 1) {
      slots.push({
        id: `gpu${index}:${k}`,
        kind: 'gpu',
        gpuIndex: index,
        label: `GPU ${index} (${gpu.name}) slot ${k + 1}/${options.slotsPerGpu}`,
      });
    }
  }
  for (let k = 0; k < options.cpuSlots; k += 1) {
    slots.push({ id: `cpu:${k}`, kind: 'cpu', gpuIndex: null, label: `CPU slot ${k + 1}` });
  }
  if (slots.length === 0) {
    throw new LabError('invalid_argument', 'The device pool is empty: use a GPU or cpuSlots ≥ 1.');
  }
  return slots;
}

/**
 * Environment a trainer on this slot starts with. A GPU slot sees exactly its own GPU (as CUDA
 * device 0); CUDA_DEVICE_ORDER makes CUDA number GPUs in PCI bus order as nvidia-smi does, so the
 * index means the same GPU to both. A CPU slot gets an empty CUDA_VISIBLE_DEVICES, which hides
 * every GPU from CUDA, so a CPU run can never take GPU memory from the run that owns that GPU.
 * Its adapterEnv does the same for Vulkan (WebGPU), which does not read CUDA_VISIBLE_DEVICES.
 */
export function slotEnvironment(slot: DeviceSlot): Record<string, string> & {
  CUDA_DEVICE_ORDER: 'PCI_BUS_ID';
  CUDA_VISIBLE_DEVICES: string;
} {
  return {
    ...slot.adapterEnv,
    CUDA_DEVICE_ORDER: 'PCI_BUS_ID',
    CUDA_VISIBLE_DEVICES: slot.gpuIndex === null ? '' : String(slot.gpuIndex),
  };
}
