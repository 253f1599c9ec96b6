import type { DeviceSlot } from './device-pool';
import { orderQueue, type DeviceRequirement, type QueueEntry } from './queue';

export interface PlaceableRun extends QueueEntry {
  requires: DeviceRequirement;
  /** Only slots whose id starts with this: a run whose Slurm job a restarted lab takes back. */
  slotIdPrefix?: string;
}

export interface Placement {
  runId: string;
  slotId: string;
}

function fits(requires: DeviceRequirement, slot: DeviceSlot): boolean {
  return requires === 'any' || requires === slot.kind;
}

function mayUse(run: PlaceableRun, slot: DeviceSlot): boolean {
  if (run.slotIdPrefix !== undefined && !slot.id.startsWith(run.slotIdPrefix)) return false;
  return fits(run.requires, slot);
}

/**
 * Chooses a slot for as many queued runs as the free slots allow, in queue order. GPUs come before
 * CPU slots, and among GPUs the least loaded one first, so two runs on a two-GPU machine land on
 * different GPUs rather than sharing one. A run that no free slot suits is skipped, not waited on:
 * a GPU-only run at the head of the queue does not hold back the CPU runs behind it.
 */
export function placeRuns(
  queue: readonly PlaceableRun[],
  pool: readonly DeviceSlot[],
  busySlotIds: ReadonlySet<string>,
): Placement[] {
  const free = pool.filter((slot) => !busySlotIds.has(slot.id));
  const load = new Map<number, number>();
  for (const slot of pool) {
    if (slot.gpuIndex !== null && busySlotIds.has(slot.id)) {
      load.set(slot.gpuIndex, (load.get(slot.gpuIndex) ?? 0) + 1);
    }
  }
  const preference = (slot: DeviceSlot): [number, number, number] =>
    slot.gpuIndex === null ? [1, 0, 0] : [0, load.get(slot.gpuIndex) ?? 0, slot.gpuIndex];
  const placements: Placement[] = [];
  for (const run of orderQueue(queue)) {
    let best: DeviceSlot | undefined;
    for (const slot of free) {
      if (!mayUse(run, slot)) continue;
      if (best === undefined || comparePreference(preference(slot), preference(best)) < 0) {
        best = slot;
      }
    }
    if (best === undefined) continue;
    placements.push({ runId: run.runId, slotId: best.id });
    free.splice(free.indexOf(best), 1);
    if (best.gpuIndex !== null) load.set(best.gpuIndex, (load.get(best.gpuIndex) ?? 0) + 1);
  }
  return placements;
}

function comparePreference(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Why a run with this requirement could never start on this pool, or null when it can. */
export function unplaceableReason(
  requires: DeviceRequirement,
  pool: readonly DeviceSlot[],
): string | null {
  if (pool.some((slot) => fits(requires, slot))) return null;
  return requires === 'gpu'
    ? 'it needs a GPU and the device pool has no GPU slot'
    : 'it needs a CPU slot and the device pool has none (set cpuSlots ≥ 1)';
}
