import type { DeviceSlot } from './device-pool';

export const SLURM_SLOT_PREFIX = 'slurm:';

/**
 * Runs one lab keeps submitted to Slurm at once. Slurm is the queue for them: the scheduler hands
 * every queued run to the cluster (up to this many), so the restarts of a launch go as one job
 * array whose `%K` (`--max-jobs`) decides how many run at a time.
 */
export const SLURM_SUBMITTED_MAX = 256;

/**
 * The Slurm pool as scheduler slots, GPU slots when each run asks Slurm for GPUs. Slurm decides
 * the node and the GPU; a slot only stands for one submitted run.
 */
export function slurmSlots(gpusPerRun: number): DeviceSlot[] {
  return Array.from({ length: SLURM_SUBMITTED_MAX }, (_, k) => ({
    id: `${SLURM_SLOT_PREFIX}${k}`,
    kind: gpusPerRun > 0 ? 'gpu' : 'cpu',
    gpuIndex: null,
    label: `Slurm job ${k + 1}`,
  }));
}

export function isSlurmSlot(slot: DeviceSlot): boolean {
  return slot.id.startsWith(SLURM_SLOT_PREFIX);
}
