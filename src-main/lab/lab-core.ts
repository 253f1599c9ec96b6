import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { LabHandlers } from '@shared/contract/lab-api';
import { finishedStatuses } from '@shared/contract/runs';
import { buildDevicePool } from '@shared/scheduling/device-pool';
import { isoTime } from '../store/columns';
import { createMetricWriter } from '../store/metric-writer';
import { keepBackupsSetting } from '../store/backups';
import { backupBeforeMigrating, openStore, type Store } from '../store/open-store';
import type { RunRecord } from '../store/runs-repository';
import { discoverGpus } from '../system/gpus';
import { createSystemInfoSource } from '../system/system-info';
import { addWebgpuPlacement } from '../system/webgpu-slots';
import { DAY_MS, startDailyBackups } from './daily-backups';
import { lockDataDir } from './data-dir-lock';
import { createDeepEnsembles } from './deep-ensembles';
import { createLabEventBus, type LabEventBus } from './events';
import { createLandscapes } from './landscape/landscapes';
import { startGpuSampler } from './gpu-sampler';
import { compareHandlers } from './handlers/compare-handlers';
import { curveHandlers } from './handlers/curve-handlers';
import { landscapeHandlers } from './handlers/landscape-handlers';
import { deviceHandlers } from './handlers/device-handlers';
import { experimentHandlers } from './handlers/experiment-handlers';
import { exportHandlers } from './handlers/export-handlers';
import { queueHandlers } from './handlers/queue-handlers';
import { runHandlers } from './handlers/run-handlers';
import { systemHandlers } from './handlers/system-handlers';
import type { LabContext } from './lab-context';
import type { ChildLauncher } from '../child/launcher';
import { nodeLauncher } from '../child/node-launcher';
import { endOrphanTrainers } from './orphans';
import { findResumePoint, runFolder } from './run-folders';
import { createScheduler, type Scheduler } from './scheduler';
import { emitRunStatus, startRunSession, type TrainerJob } from './trainer-session';

export interface DeviceOptions {
  /** CPU slots; by default one per core. */
  cpuSlots?: number;
  /** GPU indices to use (`--gpus 0,1`); by default every GPU nvidia-smi lists. */
  gpus?: readonly number[] | null;
  /** Runs sharing one GPU (default 1). */
  slotsPerGpu?: number;
}

export interface LabCoreOptions {
  /** Where the lab keeps its database and checkpoints; created when missing. */
  dataDir: string;
  /** The built TF.js backend probe, out/main/probe.js. */
  probeScript: string;
  /** The built trainer entry, out/main/trainer.js. */
  trainerScript: string;
  /** The built ensemble evaluator entry, out/main/ensemble.js. */
  evaluatorScript: string;
  /** The built landscape evaluator entry, out/main/landscape.js. */
  landscapeScript: string;
  /** The folder holding `datasets/` (the built-in datasets). */
  resourcesDir: string;
  /** How child processes start: `child_process.fork` unless the Electron shell passes its own. */
  launcher?: ChildLauncher;
  devices?: DeviceOptions;
  /** How long a cancelled trainer may take to stop before it is killed (default 10 s). */
  cancelGraceMs?: number;
  /** How often GPUs are sampled while runs are active (default 2 s). */
  gpuSampleIntervalMs?: number;
  /** Backups kept in the data folder's backups/ (default: $BASIN_KEEP_BACKUPS, else 7). */
  keepBackups?: number;
  /** How often the running lab backs its database up (default: daily). */
  backupIntervalMs?: number;
  /** Where the lab reports failures of its own (default: stderr). */
  reportError?: (message: string) => void;
}

/** The lab core every front door (Electron, browser mode, CLI, tests) drives. */
export interface LabCore {
  readonly dataDir: string;
  /** One handler per LabApi method. */
  readonly handlers: LabHandlers;
  readonly events: LabEventBus;
  readonly scheduler: Scheduler;
  /** Runs a crashed lab had left running, marked interrupted when this one opened. */
  readonly interruptedRunIds: readonly number[];
  /** Settles once the experiment's deep ensembles, asked for as its runs finished, are recorded. */
  experimentSettled(experimentId: number): Promise<void>;
  /** Cancels active runs (they stay resumable), waits for their trainers, closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the lab on a data folder: takes the folder's lock, opens the store, marks runs a crashed
 * lab left running as interrupted (ending its orphaned trainers), discovers the devices and starts
 * whatever is queued.
 */
export async function createLabCore(options: LabCoreOptions): Promise<LabCore> {
  const { dataDir } = options;
  const reportError =
    options.reportError ?? ((message: string) => process.stderr.write(`basin lab: ${message}\n`));
  await mkdir(dataDir, { recursive: true });
  const gpus = await discoverGpus();
  const pool = await addWebgpuPlacement(
    buildDevicePool({
      gpus: gpus.devices,
      useGpus: options.devices?.gpus ?? null,
      slotsPerGpu: options.devices?.slotsPerGpu ?? 1,
      cpuSlots: options.devices?.cpuSlots ?? availableParallelism(),
    }),
    gpus,
    options.probeScript,
  );
  const keepBackups = options.keepBackups ?? keepBackupsSetting();
  const lock = lockDataDir(dataDir);
  let store: Store;
  try {
    await endOrphanTrainers(lock.orphans.values(), options.trainerScript);
    await backupBeforeMigrating(dataDir, keepBackups);
    store = openStore(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  const interruptedRunIds = store.runs.interruptRunning();
  store.landscapes.failUnfinished();
  const backups = startDailyBackups({
    store,
    dataDir,
    keep: keepBackups,
    intervalMs: options.backupIntervalMs ?? DAY_MS,
    reportError,
  });
  const events = createLabEventBus();
  const metricWriter = createMetricWriter(store.metrics, {
    onError: (error) => reportError(`metrics could not be stored: ${String(error)}`),
  });

  const sampler =
    gpus.devices.length === 0
      ? null
      : startGpuSampler({
          intervalMs: options.gpuSampleIntervalMs ?? 2_000,
          read: () => discoverGpus(),
          record: (samples) => {
            store.deviceSamples.record(samples);
            for (const sample of samples)
              events.emit('device.sample', { ...sample, at: isoTime(sample.at) });
          },
        });

  const launcher = options.launcher ?? nodeLauncher;
  const deepEnsembles = createDeepEnsembles({
    store,
    launcher,
    evaluatorScript: options.evaluatorScript,
    resourcesDir: options.resourcesDir,
    reportError,
  });
  const landscapes = createLandscapes({
    store,
    events,
    launcher,
    landscapeScript: options.landscapeScript,
    resourcesDir: options.resourcesDir,
  });
  // Subscribed before any front door, so an evaluation is pending before anyone sees the status.
  events.subscribe((message) => {
    if (message.event === 'run.status' && finishedStatuses.includes(message.payload.status)) {
      deepEnsembles.runFinished(store.runs.get(message.payload.runId));
    }
  });

  const sessionContext = {
    store,
    metricWriter,
    events,
    launcher,
    trainerScript: options.trainerScript,
    lock,
    cancelGraceMs: options.cancelGraceMs ?? 10_000,
    reportError,
  };

  function lastCommittedEpoch(run: RunRecord): number {
    const row = store.queries
      .runTable({ experimentId: run.experimentId, limit: 5000, offset: 0 })
      .runs.find((summary) => summary.id === run.id);
    return row?.epoch ?? 0;
  }

  async function prepareJob(run: RunRecord): Promise<TrainerJob> {
    const checkpointDir = runFolder(dataDir, run.id);
    const resume =
      run.startedAt === null ? null : await findResumePoint(checkpointDir, lastCommittedEpoch(run));
    await mkdir(checkpointDir, { recursive: true });
    return {
      runId: String(run.id),
      spec: run.config,
      fold: run.fold,
      data: { resourcesDir: options.resourcesDir, fashionMnistDir: null },
      checkpointDir,
      resumeFrom: resume?.path ?? null,
    };
  }

  const scheduler = createScheduler({
    pool,
    runs: store.runs,
    startSession: (run, slot) => startRunSession(sessionContext, run, slot, prepareJob(run)),
    onChange: (state) => {
      events.emit('queue.changed', state);
      sampler?.setActive(state.running > 0);
    },
  });

  const lab: LabContext = { dataDir, store, scheduler, events, pool, gpus };
  const handlers: LabHandlers = {
    ...systemHandlers(createSystemInfoSource({ probeScript: options.probeScript, launcher })),
    ...experimentHandlers(lab),
    ...queueHandlers(lab),
    ...runHandlers(lab),
    ...curveHandlers(lab),
    ...compareHandlers(lab),
    ...deviceHandlers(lab),
    ...exportHandlers(lab),
    ...landscapeHandlers(landscapes),
  };

  for (const runId of interruptedRunIds) emitRunStatus(events, store.runs.get(runId));
  scheduler.poke();

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    await scheduler.close();
    await deepEnsembles.idle();
    await landscapes.close();
    sampler?.stop();
    await backups.stop();
    metricWriter.flush();
    store.close();
    lock.release();
  }

  return {
    dataDir,
    handlers,
    events,
    scheduler,
    interruptedRunIds,
    experimentSettled: (experimentId) => deepEnsembles.settled(experimentId),
    close: () => (closing ??= close()),
  };
}
