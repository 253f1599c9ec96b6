/**
 * Putting a WebGPU trainer on a chosen physical GPU. Dawn and Vulkan ignore CUDA_VISIBLE_DEVICES;
 * on Linux, Mesa's Vulkan device-select layer (VK_LAYER_MESA_device_select, an implicit layer in
 * Debian's mesa-vulkan-drivers) reads `DRI_PRIME=pci-DDDD_BB_DD_F` and, with
 * `MESA_VK_DEVICE_SELECT_FORCE_DEFAULT_DEVICE=1`, hands the application only that device. The PCI
 * address comes from nvidia-smi's `pci.bus_id`, the same numbering CUDA_DEVICE_ORDER=PCI_BUS_ID
 * gives CUDA, so a slot's GPU is the same card to CUDA and to Vulkan.
 */

/** The nvidia-smi query for the PCI address of every GPU. */
export const NVIDIA_SMI_PCI_ARGS = [
  '--query-gpu=index,pci.bus_id',
  '--format=csv,noheader',
] as const;

/**
 * Reads `index, pci.bus_id` rows (`0, 00000000:18:00.0`) into index → bus id; rows it cannot read
 * are left out (the GPU then has no known address and placement says so).
 */
export function parsePciBusIds(stdout: string): Map<number, string> {
  const ids = new Map<number, string>();
  for (const line of stdout.split(/\r?\n/)) {
    const match =
      /^\s*(\d+)\s*,\s*([0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-7])\s*$/.exec(line);
    if (match !== null) ids.set(Number(match[1]), (match[2] as string).toUpperCase());
  }
  return ids;
}

/** `00000000:9A:00.0` → `pci-0000_9a_00_0`, the form the device-select layer parses. */
export function driPrimeTag(busId: string): string {
  const match = /^([0-9A-Fa-f]{4,8}):([0-9A-Fa-f]{2}):([0-9A-Fa-f]{2})\.([0-7])$/.exec(busId);
  if (match === null) throw new Error(`"${busId}" is not a PCI bus id (DDDDDDDD:BB:DD.F)`);
  const [, domain = '', bus = '', device = '', fn = ''] = match;
  return `pci-${domain.slice(-4)}_${bus}_${device}_${fn}`.toLowerCase();
}

export interface PlacementFacts {
  platform: string;
  /** nvidia-smi's GPUs with their PCI bus id, null where nvidia-smi did not give one. */
  gpus: readonly { index: number; pciBusId: string | null }[];
  /** Whether Mesa's device-select layer manifest is installed (Linux). */
  deviceSelectLayer: boolean;
}

export interface WebgpuPlacement {
  /** True when each GPU slot's trainer sees exactly its own GPU as its WebGPU adapter. */
  perGpu: boolean;
  /** What Basin does, or why two slots on two GPUs could land on one adapter. */
  text: string;
}

/** Environment a trainer on GPU `index` gets so Dawn sees only that GPU; {} where none can. */
export function webgpuSlotEnvironment(
  facts: PlacementFacts,
  index: number,
): Record<string, string> {
  const gpu = facts.gpus.find((g) => g.index === index);
  if (facts.platform !== 'linux' || !facts.deviceSelectLayer || gpu?.pciBusId == null) return {};
  return { DRI_PRIME: driPrimeTag(gpu.pciBusId), MESA_VK_DEVICE_SELECT_FORCE_DEFAULT_DEVICE: '1' };
}

/** Whether two slots on two GPUs land on two adapters here, in words for system.info and Devices. */
export function describePlacement(facts: PlacementFacts): WebgpuPlacement {
  const count = facts.gpus.length;
  if (count <= 1) {
    return {
      perGpu: true,
      text:
        count === 0
          ? 'No NVIDIA GPU: WebGPU runs use the adapter Dawn prefers.'
          : 'One GPU: every WebGPU run uses it.',
    };
  }
  if (facts.platform !== 'linux') {
    return {
      perGpu: false,
      text: `${count} GPUs, but on ${facts.platform} Basin cannot choose a WebGPU adapter per slot: every WebGPU run takes the adapter Dawn prefers.`,
    };
  }
  if (!facts.deviceSelectLayer) {
    return {
      perGpu: false,
      text: `${count} GPUs, but Mesa's Vulkan device-select layer is not installed (Debian/Ubuntu: mesa-vulkan-drivers), so every WebGPU run would take the same adapter.`,
    };
  }
  const missing = facts.gpus.filter((g) => g.pciBusId === null).map((g) => g.index);
  if (missing.length > 0) {
    return {
      perGpu: false,
      text: `nvidia-smi gave no PCI address for GPU ${missing.join(', ')}, so Basin cannot point WebGPU runs at it.`,
    };
  }
  return {
    perGpu: true,
    text: `${count} GPUs: each GPU slot's trainer sees only its own GPU (DRI_PRIME=pci-… with MESA_VK_DEVICE_SELECT_FORCE_DEFAULT_DEVICE=1).`,
  };
}

/** The switch that lets Basin train on a software adapter (CI, GPU-less machines); never by default. */
export function softwareAllowed(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.BASIN_WEBGPU_SOFTWARE === '1';
}

/** Set on the one slot a software adapter gets, so `auto` tries webgpu there. */
export const SOFTWARE_SLOT_ENV = { BASIN_WEBGPU_SLOT: 'software' } as const;
