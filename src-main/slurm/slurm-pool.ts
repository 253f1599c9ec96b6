import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SlurmSettings } from '@shared/slurm/settings';
import { slurmSlots } from '@shared/scheduling/slurm-slots';
import type { DeviceSlot } from '@shared/scheduling/device-pool';
import type { ChildLauncher } from '../child/launcher';
import { openLabListener } from './lab-listener';
import {
  createSlurmLauncher,
  type SlurmJobRecorder,
  type SlurmLauncherOptions,
} from './slurm-launcher';

export interface SlurmPoolOptions {
  dataDir: string;
  settings: SlurmSettings;
  trainerScript: string;
  recorder: SlurmJobRecorder;
  resumePoint: SlurmLauncherOptions['resumePoint'];
  reportError: (message: string) => void;
  /** How often squeue is asked about the pool's jobs (default 1 s). */
  pollMs?: number;
}

export interface SlurmPool {
  slots: DeviceSlot[];
  launcher: ChildLauncher;
  /** Where a run trained on the cluster keeps its checkpoints: on the shared folder. */
  runFolder(runId: number): string;
  close(): Promise<void>;
}

/**
 * The lab's Slurm side: a TCP listener the trainers connect back to (BASIN_LAB_HOST and
 * BASIN_LAB_PORT choose the address the nodes use; by default this machine's hostname and a free
 * port), and the launcher that submits runs as job arrays.
 */
export async function openSlurmPool(options: SlurmPoolOptions): Promise<SlurmPool> {
  const { settings } = options;
  const sharedDir = settings.sharedDir ?? join(options.dataDir, 'slurm');
  const listener = await openLabListener({
    bindHost: process.env.BASIN_LAB_BIND ?? '0.0.0.0',
    port: Number(process.env.BASIN_LAB_PORT ?? 0),
  });
  const slurm = createSlurmLauncher({
    settings,
    sharedDir,
    listener,
    labAddress: `${process.env.BASIN_LAB_HOST ?? hostname()}:${listener.port}`,
    nodeBinary: process.execPath,
    trainerScript: options.trainerScript,
    recorder: options.recorder,
    resumePoint: options.resumePoint,
    pollMs: options.pollMs ?? 1_000,
    reportError: options.reportError,
  });
  return {
    slots: slurmSlots(settings.gpusPerRun),
    launcher: slurm.launcher,
    runFolder: (runId) => join(slurm.runsDir, String(runId)),
    async close() {
      slurm.close();
      await listener.close();
    },
  };
}
