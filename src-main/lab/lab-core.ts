import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { LabHandlers } from '@shared/contract/lab-api';
import { finishedStatuses } from '@shared/contract/runs';
import { buildDevicePool, type DeviceSlot } from '@shared/scheduling/device-pool';
import { isSlurmSlot, SLURM_SLOT_PREFIX } from '@shared/scheduling/slurm-slots';
import type { SlurmSettings } from '@shared/slurm/settings';
import { isoTime } from '../store/columns';
import { createMetricWriter } from '../store/metric-writer';
import { keepBackupsSetting } from '../store/backups';
import { backupBeforeMigrating, openStore, type Store } from '../store/open-store';
import type { RunRecord } from '../store/runs-repository';
import { openSlurmPool } from '../slurm/slurm-pool';
import { slurmInEffect } from '../slurm/pool-choice';
import { cancelJobsLeftBehind } from '../slurm/left-behind';
import { discoverGpus } from '../system/gpus';
import { createSystemInfoSource } from '../system/system-info';
import { addWebgpuPlacement } from '../system/webgpu-slots';
import { DAY_MS, startDailyBackups } from './daily-backups';
import { lockDataDir } from './data-dir-lock';
import {
  diskFullSentence,
  ensureReserve,
  freeBytes,
  isDiskFull,
  LOW_DISK_BYTES,
} from './disk-full';
import { createDiskGuard } from './disk-guard';
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
import { slurmHandlers } from './handlers/slurm-handlers';
import { systemHandlers } from './handlers/system-handlers';
import type { LabContext } from './lab-context';
import type { ChildLauncher } from '../child/launcher';
import { nodeLauncher } from '../child/node-launcher';
import { endOrphanTrainers } from './orphans';
import { registeringLauncher } from './registering-launcher';
import { findResumePoint, runFolder } from './run-folders';
import { createScheduler, type Scheduler } from './scheduler';
import { withResultChecks } from '@shared/contract/result-checks';
import { emitRunStatus, startRunSession, type TrainerJob } from './trainer-session';

export interface DeviceOptions {
  /** CPU slots; by default one per core. */
  cpuSlots?: number;
  /** GPU indices to use (`--gpus 0,1`); by default every GPU nvidia-smi lists. */
  gpus?: readonly number[] | null;
  /** Runs sharing one GPU (default 1). */
  slotsPerGpu?: number;
  /**
   * Runs go to Slurm with these settings, local slots being only the ones asked for (cpuSlots,
   * gpus), so `basin run --slurm` drains the queue to the cluster; null: no Slurm. Left out, the
   * data folder's saved settings decide (slurm.json: local, Slurm or both).
   */
  slurm?: SlurmSettings | null;
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
  /** Leaves queued runs waiting, for a command that only computes (`basin landscape`). */
  holdQueue?: boolean;
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
  /**
   * Check every handler's result against its contract schema (default: under `NODE_ENV`
   * development or test, or with BASIN_CHECK_RESULTS=1; off in production, where it would parse
   * every reply again).
   */
  checkResults?: boolean;
}

function resultChecksByDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    env.BASIN_CHECK_RESULTS === '1' || env.NODE_ENV === 'development' || env.NODE_ENV === 'test'
  );
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
  /** Set when the lab started on a nearly full disk, its queue paused: the sentence saying so. */
  readonly lowDisk: string | null;
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
  const slurmSettings = slurmInEffect(dataDir, options.devices?.slurm, reportError);
  // Draining to Slurm alone, local slots are only the ones a command asked for (cpuSlots, gpus).
  const localOnlyIfAsked = slurmSettings?.drainTo === 'slurm';
  const localPool =
    localOnlyIfAsked && !options.devices?.cpuSlots && !options.devices?.gpus?.length
      ? []
      : buildDevicePool({
          gpus: gpus.devices,
          useGpus: options.devices?.gpus ?? (localOnlyIfAsked ? [] : null),
          slotsPerGpu: options.devices?.slotsPerGpu ?? 1,
          cpuSlots: options.devices?.cpuSlots ?? (localOnlyIfAsked ? 0 : availableParallelism()),
        });
  // Each GPU slot learns which adapter is its own (and BASIN_WEBGPU_SOFTWARE may add one).
  const pool =
    localPool.length === 0
      ? localPool
      : await addWebgpuPlacement(localPool, gpus, options.probeScript);
  const keepBackups = options.keepBackups ?? keepBackupsSetting();
  const lock = lockDataDir(dataDir);
  let store: Store;
  try {
    await endOrphanTrainers(lock.orphans.values(), options.trainerScript);
    for (const child of lock.orphanChildren) await endOrphanTrainers([child.pid], child.script);
    await backupBeforeMigrating(dataDir, keepBackups);
    store = openStore(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
  // Jobs a previous lab left in Slurm are taken back by this one when it submits to Slurm too,
  // else cancelled.
  const leftInSlurm = store.slurmJobs.jobsToTakeBack();
  if (slurmSettings === null) cancelJobsLeftBehind(leftInSlurm, store.slurmJobs, reportError);
  const takeBack = new Map(
    slurmSettings === null ? [] : leftInSlurm.map((job) => [job.runId, job] as const),
  );
  const interruptedRunIds = store.runs.interruptRunning().filter((runId) => !takeBack.has(runId));
  ensureReserve(dataDir);
  store.landscapes.failUnfinished();
  const backups = startDailyBackups({
    store,
    dataDir,
    keep: keepBackups,
    intervalMs: options.backupIntervalMs ?? DAY_MS,
    reportError,
  });
  const events = createLabEventBus();
  const diskGuard = createDiskGuard({
    dataDir,
    // The scheduler exists before any write can fail.
    scheduler: () => scheduler,
    events,
    reportError,
  });
  const metricWriter = createMetricWriter(store.metrics, {
    onError: (error) => {
      if (isDiskFull(error)) diskGuard.full();
      else reportError(`metrics could not be stored: ${String(error)}`);
    },
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
  // Evaluator children are listed in the lock like trainers, so no crash leaves them orphaned.
  const evaluatorLauncher = registeringLauncher(launcher, lock, (write) =>
    diskGuard.attempt(write, 'Updating the lock file'),
  );
  const deepEnsembles = createDeepEnsembles({
    store,
    events,
    launcher: evaluatorLauncher,
    evaluatorScript: options.evaluatorScript,
    resourcesDir: options.resourcesDir,
    reportError,
  });
  const landscapes = createLandscapes({
    store,
    events,
    launcher: evaluatorLauncher,
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
    diskGuard,
    cancelGraceMs: options.cancelGraceMs ?? 10_000,
    reportError,
  };

  const slurm =
    slurmSettings === null
      ? null
      : await openSlurmPool({
          dataDir,
          settings: slurmSettings,
          trainerScript: options.trainerScript,
          recorder: store.slurmJobs,
          takeBack,
          recorded: (runId) => ({
            lastEpoch: lastCommittedEpoch(store.runs.get(runId)),
            checkpoints: store.checkpoints
              .listForRun(runId)
              .map((checkpoint) => `${checkpoint.kind}:${checkpoint.epoch}`),
          }),
          resumePoint: findResumePoint,
          reportError,
        });
  if (slurm !== null) pool.push(...slurm.slots);

  function lastCommittedEpoch(run: RunRecord): number {
    const [row] = store.queries.runTable({ runId: run.id, limit: 1, offset: 0 }).runs;
    return row?.epoch ?? 0;
  }

  async function prepareJob(run: RunRecord, slot: DeviceSlot): Promise<TrainerJob> {
    const checkpointDir =
      slurm !== null && isSlurmSlot(slot) ? slurm.runFolder(run.id) : runFolder(dataDir, run.id);
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
    startSession: (run, slot) =>
      startRunSession(
        slurm !== null && isSlurmSlot(slot)
          ? { ...sessionContext, launcher: slurm.launcher, cancelGraceMs: slurm.cancelGraceMs }
          : sessionContext,
        run,
        slot,
        prepareJob(run, slot),
      ),
    // A run whose job is taken back must go to Slurm even where local slots are free ('both').
    slotIdPrefixOf: (runId) => (takeBack.has(runId) ? SLURM_SLOT_PREFIX : undefined),
    onChange: (state) => {
      events.emit('queue.changed', state);
      sampler?.setActive(state.running > 0);
    },
  });

  const lab: LabContext = {
    dataDir,
    store,
    scheduler,
    events,
    pool,
    gpus,
    slurmInEffect: slurmSettings,
  };
  const uncheckedHandlers: LabHandlers = {
    ...systemHandlers(createSystemInfoSource({ probeScript: options.probeScript, launcher })),
    ...experimentHandlers(lab),
    ...queueHandlers(lab),
    ...runHandlers(lab),
    ...curveHandlers(lab),
    ...compareHandlers(lab),
    ...deviceHandlers(lab),
    ...slurmHandlers(lab),
    ...exportHandlers(lab),
    ...landscapeHandlers(landscapes),
  };
  const handlers =
    (options.checkResults ?? resultChecksByDefault())
      ? withResultChecks(uncheckedHandlers)
      : uncheckedHandlers;

  for (const runId of interruptedRunIds) emitRunStatus(events, store.runs.get(runId));
  // A run taken back goes through the queue again (a queued one is there already): the Slurm
  // launcher hands it its job instead of submitting a new one.
  for (const runId of takeBack.keys()) {
    if (store.runs.get(runId).status === 'interrupted') {
      emitRunStatus(events, store.runs.requeue(runId, 'resume'));
    }
  }
  if (options.holdQueue === true) scheduler.pause();
  // On a nearly full disk (say, after a disk-full stop) queued runs would only fail: wait for space.
  const lowDisk = freeBytes(dataDir) < LOW_DISK_BYTES ? diskFullSentence(dataDir) : null;
  if (lowDisk !== null) {
    scheduler.pause();
    reportError(`${lowDisk}; the queue stays paused until space is freed and it is resumed.`);
  }
  scheduler.poke();

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    await scheduler.close();
    await deepEnsembles.idle();
    await slurm?.close();
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
    lowDisk,
    experimentSettled: (experimentId) => deepEnsembles.settled(experimentId),
    close: () => (closing ??= close()),
  };
}
