import type { DeviceSlot } from '@shared/scheduling/device-pool';
import type { GpuDiscovery } from '@shared/devices/nvidia-smi';
import type { SlurmSettings } from '@shared/slurm/settings';
import type { Store } from '../store/open-store';
import type { LabEventBus } from './events';
import type { Scheduler } from './scheduler';

/** What the LabApi handlers share: the record, the scheduler and where events go. */
export interface LabContext {
  dataDir: string;
  store: Store;
  scheduler: Scheduler;
  events: LabEventBus;
  pool: readonly DeviceSlot[];
  gpus: GpuDiscovery;
  /** The Slurm settings this lab started with (drainTo: where its queue drains); null: local only. */
  slurmInEffect: SlurmSettings | null;
}
