import type { DeviceSlot } from './device-pool';

export const SLURM_SLOT_PREFIX = 'slurm:';

/**
 * The Slurm pool as scheduler slots: one per job Basin keeps in the cluster at once (`--max-jobs`),
 * GPU slots when each run asks Slurm for GPUs. Slurm decides the node and the GPU; the slot only
 * bounds how many runs are out there.
 */
export function slurmSlots(maxJobs: number, gpusPerRun: number): DeviceSlot[] {
  return Array.from({ length: maxJobs }, (_, k) => ({
    id: `${SLURM_SLOT_PREFIX}${k}`,
    kind: gpusPerRun > 0 ? 'gpu' : 'cpu',
    gpuIndex: null,
    label: `Slurm job slot ${k + 1}/${maxJobs}`,
  }));
}

export function isSlurmSlot(slot: DeviceSlot): boolean {
  return slot.id.startsWith(SLURM_SLOT_PREFIX);
}
