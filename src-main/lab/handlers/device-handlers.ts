import type { LabHandlers } from '@shared/contract/lab-api';
import type { LabContext } from '../lab-context';

type DeviceHandlers = Pick<LabHandlers, 'devices.list' | 'devices.samples'>;

export function deviceHandlers({ pool, gpus, scheduler, store }: LabContext): DeviceHandlers {
  return {
    'devices.list': async () => {
      const occupancy = scheduler.occupancy();
      return {
        slots: pool.map((slot) => ({ ...slot, runId: occupancy.get(slot.id) ?? null })),
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
