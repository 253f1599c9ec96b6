import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  interpretSlurmState,
  type SlurmJobToTakeBack,
  type SlurmStateMeaning,
} from '@shared/slurm/job-state';
import { batchScript, sbatchOptions, type SlurmSettings } from '@shared/slurm/settings';
import type { ChildExit, ChildLauncher } from '../child/launcher';
import { probeCluster } from './cluster-probe';
import type { LabListener } from './lab-listener';
import { RemoteTrainer, type RemoteTrainerHooks } from './remote-trainer';
import { jobsFolder, readTail } from './job-files';
import { finalJobState, sbatch, scancel, squeue } from './slurm-tools';

/** Where the lab writes what it sees of each run's Slurm job (slurm_jobs in the store). */
export interface SlurmJobRecorder {
  submitted(runId: number, jobId: string, token: string): void;
  seen(
    runId: number,
    jobId: string,
    seen: { state: string; detail: string; node?: string | null; gpus?: string | null },
  ): void;
}

export interface SlurmLauncherOptions {
  settings: SlurmSettings;
  dataDir: string;
  /** Job scripts, job output and run folders; the same path on every node (null: in dataDir). */
  sharedDir: string | null;
  listener: LabListener;
  /** host:port the nodes reach the listener at. */
  labAddress: string;
  nodeBinary: string;
  trainerScript: string;
  recorder: SlurmJobRecorder;
  /** Jobs a previous lab on this data folder left running, by run: taken back, not resubmitted. */
  takeBack: Map<number, SlurmJobToTakeBack>;
  recorded: RemoteTrainerHooks['recorded'];
  /** The newest resume checkpoint in a run folder whose epoch the lab holds (run-folders.ts). */
  resumePoint: RemoteTrainerHooks['resumePoint'];
  pollMs: number;
  reportError: (message: string) => void;
}

/** Launches that arrive within this window go to Slurm as one job array. */
const BATCH_WINDOW_MS = 150;

function exitOf(exitCode: string | null): Pick<ChildExit, 'code' | 'signal'> {
  const [code, signal] = (exitCode ?? '').split(':').map(Number);
  if (signal !== undefined && signal > 0) return { code: null, signal: `signal ${signal}` };
  return { code: code === undefined || Number.isNaN(code) ? null : code, signal: null };
}

/**
 * The Slurm pool's launcher: each "child" is a run trained by a Slurm array task. The restarts of
 * one launch are submitted together as one array (`--array=0-N%K`); squeue is polled for their
 * states; a task ended by TIMEOUT, NODE_FAIL or PREEMPTED is resubmitted to resume from its newest
 * resume checkpoint, up to `maxResumes` times.
 */
export function createSlurmLauncher(options: SlurmLauncherOptions) {
  const { settings } = options;
  const jobsDir = jobsFolder(options.dataDir, options.sharedDir);
  const unsubmitted: RemoteTrainer[] = [];
  const active = new Set<RemoteTrainer>();
  const errFiles = new Map<RemoteTrainer, string>();
  let flushTimer: NodeJS.Timeout | undefined;
  let probed: Promise<void> | undefined;
  let polling = false;
  let pollFailure: string | null = null;

  const hooks: RemoteTrainerHooks = {
    resumePoint: options.resumePoint,
    recorded: options.recorded,
    scancel: (jobId: string) =>
      scancel(jobId).catch((error: unknown) => {
        options.reportError(`Slurm job ${jobId} could not be cancelled: ${String(error)}`);
        throw error;
      }),
    connected: (runId: number, jobId: string, node: string, gpus: string | null) =>
      options.recorder.seen(runId, jobId, {
        state: 'RUNNING',
        detail: 'running on cluster',
        node,
        gpus,
      }),
  };

  async function submit(tasks: RemoteTrainer[]): Promise<void> {
    try {
      probed ??= probeCluster({
        settings,
        sharedDir: options.sharedDir ?? join(options.dataDir, 'slurm'),
        labAddress: options.labAddress,
        nodeBinary: options.nodeBinary,
      });
      await probed;
      await mkdir(jobsDir, { recursive: true });
      for (const task of tasks) task.listen();
      const script = join(jobsDir, `basin-${Date.now()}-${randomUUID().slice(0, 8)}.sh`);
      await writeFile(
        script,
        batchScript({
          tokens: tasks.map((task) => task.token),
          labAddress: options.labAddress,
          node: options.nodeBinary,
          trainerScript: options.trainerScript,
          maxTrainerStarts: settings.maxResumes + 1,
        }),
        { mode: 0o700 },
      );
      const arrayJob = await sbatch(
        [
          ...sbatchOptions(settings),
          `--job-name=basin-run${tasks.length === 1 ? '' : 's'}`,
          `--array=0-${tasks.length - 1}%${settings.maxJobs}`,
          `--output=${join(jobsDir, '%A_%a.out')}`,
          `--error=${join(jobsDir, '%A_%a.err')}`,
        ],
        script,
      );
      tasks.forEach((task, index) => {
        const jobId = `${arrayJob}_${index}`;
        errFiles.set(task, join(jobsDir, `${jobId}.err`));
        options.recorder.submitted(task.runId, jobId, task.token);
        task.submittedAs(jobId);
      });
    } catch (error) {
      probed = undefined;
      const why = error instanceof Error ? error.message : String(error);
      for (const task of tasks) {
        active.delete(task);
        task.exit({
          code: null,
          signal: null,
          cause: `The run could not be submitted to Slurm. ${why}`,
        });
      }
    }
  }

  function flush(): void {
    flushTimer = undefined;
    const ready = unsubmitted.filter((task) => task.start !== null);
    if (ready.length < unsubmitted.length) flushTimer = setTimeout(flush, BATCH_WINDOW_MS);
    const toSubmit: RemoteTrainer[] = [];
    for (const task of ready) {
      unsubmitted.splice(unsubmitted.indexOf(task), 1);
      const job = options.takeBack.get(task.runId);
      if (task.cancelledBeforeSubmission) {
        active.delete(task);
        task.exit({
          code: null,
          signal: null,
          cancelledElsewhere: true,
          cause: 'Cancelled before submission',
        });
      } else if (job !== undefined) {
        // A job a previous lab submitted: its trainer reconnects with the saved token.
        options.takeBack.delete(task.runId);
        task.listen(job.token);
        task.jobId = job.jobId;
        task.attempts = job.attempt;
        errFiles.set(task, join(jobsDir, `${job.jobId}.err`));
      } else toSubmit.push(task);
    }
    if (toSubmit.length > 0) void submit(toSubmit);
  }

  /**
   * The job ended without the trainer's last word reaching this lab: it completed while a previous
   * lab was going away, or Slurm forgot it before this lab asked. The run folder has its resume
   * checkpoints, so it is resumed like a TIMEOUT rather than failed.
   */
  function needsResume(task: RemoteTrainer, meaning: SlurmStateMeaning): boolean {
    return meaning.phase === 'resumable' || (meaning.phase === 'completed' && !task.finalReported);
  }

  async function ended(task: RemoteTrainer, meaning: SlurmStateMeaning, exitCode: string | null) {
    const jobId = task.jobId ?? '';
    const errFile = errFiles.get(task);
    if (errFile !== undefined) task.stderr(await readTail(errFile));
    if (task.finalReported) {
      active.delete(task);
      task.exit({ code: 0, signal: null });
      return;
    }
    if (
      needsResume(task, meaning) &&
      !task.cancelRequested &&
      task.attempts <= settings.maxResumes
    ) {
      task.stderr(`basin: Slurm job ${jobId} ended (${meaning.text}); resubmitting to resume.\n`);
      task.jobId = null;
      await submit([task]);
      return;
    }
    active.delete(task);
    task.exit({
      ...exitOf(exitCode),
      cause: `Slurm job ${jobId} ended (${meaning.text})`,
      ...(meaning.phase === 'cancelled' ? { cancelledElsewhere: true } : {}),
    });
  }

  async function poll(): Promise<void> {
    const watched = [...active].filter((task) => task.jobId !== null && !task.exited);
    if (polling || watched.length === 0) return;
    polling = true;
    try {
      const rows = new Map(
        (await squeue(watched.map((task) => task.jobId ?? ''))).map((row) => [row.jobId, row]),
      );
      pollFailure = null;
      for (const task of watched) {
        const jobId = task.jobId ?? '';
        const row = rows.get(jobId);
        let meaning: SlurmStateMeaning;
        let state: string;
        let exitCode: string | null = null;
        let node: string | null = row?.node ?? null;
        if (row !== undefined) {
          meaning = interpretSlurmState(row.state, row.reason);
          state = row.state;
        } else {
          const final = await finalJobState(jobId);
          meaning = final?.meaning ?? {
            phase: 'completed',
            text: 'Slurm no longer knows the job (MinJobAge passed, no accounting)',
          };
          state = final?.state ?? 'UNKNOWN';
          exitCode = final?.exitCode ?? null;
          node = final?.node ?? null;
        }
        // An answer from before the trainer connected says pending; the connection is newer.
        if (meaning.phase === 'pending' && task.connectedJobId === jobId) continue;
        if (task.lastMeaning?.text !== meaning.text) {
          task.lastMeaning = meaning;
          options.recorder.seen(task.runId, jobId, { state, detail: meaning.text, node });
        }
        if (meaning.phase !== 'pending' && meaning.phase !== 'running') {
          if (row !== undefined) exitCode = (await finalJobState(jobId))?.exitCode ?? null;
          await ended(task, meaning, exitCode);
        }
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (pollFailure !== why) options.reportError(`Slurm jobs could not be checked: ${why}`);
      pollFailure = why;
    } finally {
      polling = false;
    }
  }

  const pollTimer = setInterval(() => void poll(), options.pollMs);

  const launcher: ChildLauncher = {
    launch() {
      const task = new RemoteTrainer(options.listener, hooks);
      unsubmitted.push(task);
      active.add(task);
      flushTimer ??= setTimeout(flush, BATCH_WINDOW_MS);
      return task;
    },
  };

  return {
    launcher,
    /** The run folder root on the shared folder (the start message's checkpointDir goes there). */
    runsDir: join(options.sharedDir ?? join(options.dataDir, 'slurm'), 'runs'),
    close(): void {
      clearInterval(pollTimer);
      clearTimeout(flushTimer);
    },
  };
}

export type SlurmLauncher = ReturnType<typeof createSlurmLauncher>;
