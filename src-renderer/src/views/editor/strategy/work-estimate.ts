import type { ResultOf } from '@shared/contract/lab-api';

/** Where runs can go: slots from the lab core's device pool, or cores and GPUs from system.info. */
export interface Placement {
  gpuSlots: number;
  cpuSlots: number;
  /** Why there are no GPUs, when there are none and the core says why. */
  gpuReason: string | null;
  /** True when only system.info answered, so slots are guessed from cores and GPUs. */
  estimated: boolean;
}

export function placementFromDevices(list: ResultOf<'devices.list'>): Placement {
  const gpuSlots = list.slots.filter((slot) => slot.kind === 'gpu').length;
  return {
    gpuSlots,
    cpuSlots: list.slots.length - gpuSlots,
    gpuReason: list.gpuReason,
    estimated: false,
  };
}

export function placementFromSystem(info: ResultOf<'system.info'>): Placement {
  return {
    gpuSlots: info.gpus.devices.length,
    cpuSlots: info.cpu.cores,
    gpuReason: info.gpus.reason,
    estimated: true,
  };
}

/** Runs go to free slots side by side, so the queue drains in about ⌈runs / slots⌉ waves. */
export function waves(runs: number, slots: number): number {
  return slots === 0 ? 0 : Math.ceil(runs / slots);
}
