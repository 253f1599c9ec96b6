import type { LabHandlers } from '@shared/contract/lab-api';
import { isSlurmSlot } from '@shared/scheduling/slurm-slots';
import type { LabContext } from '../lab-context';

type DeviceHandlers = Pick<LabHandlers, 'devices.list' | 'devices.samples'>;

export function deviceHandlers({ pool, gpus, scheduler, store }: LabContext): DeviceHandlers {
  return {
    'devices.list': async () => {
      const occupancy = scheduler.occupancy();
      return {
        // Slurm's slots stand for submitted runs, so only the ones in use are shown.
        slots: pool
          .filter((slot) => !isSlurmSlot(slot) || occupancy.has(slot.id))
          .map((slot) => ({ ...slot, runId: occupancy.get(slot.id) ?? null })),
        gpus: gpus.devices,
        gpuReason: gpus.reason,
      };
    },

    'devices.samples': async ({ gpuIndex, since, limit }) => ({
      samples: store.deviceSamples.list({
        limit,
        ...(gpuIndex === undefined ? {} : { gpuIndex }),
        ...(since === undefined ? {} : { since: Date.parse(since) }),
      }),
    }),
  };
}
