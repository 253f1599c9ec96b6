import { hostname } from 'node:os';
import { join } from 'node:path';
import type { SlurmSettings } from '@shared/slurm/settings';
import { slurmSlots } from '@shared/scheduling/slurm-slots';
import type { DeviceSlot } from '@shared/scheduling/device-pool';
import type { ChildLauncher } from '../child/launcher';
import { listenOnSavedPort } from './lab-port';
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
  takeBack: SlurmLauncherOptions['takeBack'];
  recorded: SlurmLauncherOptions['recorded'];
  resumePoint: SlurmLauncherOptions['resumePoint'];
  reportError: (message: string) => void;
  /** How often squeue is asked about the pool's jobs (default 1 s). */
  pollMs?: number;
}

export interface SlurmPool {
  slots: DeviceSlot[];
  launcher: ChildLauncher;
  /**
   * How long a cancelled run on Slurm may take to end: scancel's job ends after Slurm's KillWait
   * and is seen at the next squeue poll, which a busy controller may answer slowly.
   */
  cancelGraceMs: number;
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
  const listener = await listenOnSavedPort(options.dataDir, options.reportError);
  const slurm = createSlurmLauncher({
    settings,
    dataDir: options.dataDir,
    sharedDir: settings.sharedDir,
    listener,
    labAddress: `${process.env.BASIN_LAB_HOST ?? hostname()}:${listener.port}`,
    nodeBinary: process.execPath,
    trainerScript: options.trainerScript,
    recorder: options.recorder,
    takeBack: options.takeBack,
    recorded: options.recorded,
    resumePoint: options.resumePoint,
    pollMs: options.pollMs ?? 1_000,
    reportError: options.reportError,
  });
  return {
    slots: slurmSlots(settings.gpusPerRun),
    launcher: slurm.launcher,
    cancelGraceMs: 60_000,
    runFolder: (runId) => join(slurm.runsDir, String(runId)),
    async close() {
      slurm.close();
      await listener.close();
    },
  };
}
