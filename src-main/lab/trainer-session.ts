import type { StartMessage } from '@shared/contract/trainer-protocol';
import { TRAINER_PROTOCOL_VERSION } from '@shared/contract/trainer-protocol';
import { slotEnvironment, type DeviceSlot } from '@shared/scheduling/device-pool';
import type { ChildLauncher } from '../child/launcher';
import { startChild, type ChildEnd, type StartedChild } from '../child/start-child';
import { describeUnexpectedExit } from '../child/stderr-tail';
import type { MetricWriter } from '../store/metric-writer';
import type { Store } from '../store/open-store';
import type { RunRecord } from '../store/runs-repository';
import type { DataDirLock } from './data-dir-lock';
import type { DiskGuard } from './disk-guard';
import type { LabEventBus } from './events';
import type { RunSession } from './scheduler';
import { createRunRecorder, emitRunStatus } from './session/run-recorder';
import { decodeTrainerMessage } from './session/trainer-messages';

export { emitRunStatus };

export interface SessionContext {
  store: Store;
  metricWriter: MetricWriter;
  events: LabEventBus;
  launcher: ChildLauncher;
  /** The built trainer entry, out/main/trainer.js. */
  trainerScript: string;
  /** Keeps the pid of every live trainer, for the lab that takes over after a crash. */
  lock: Pick<DataDirLock, 'trainerStarted' | 'trainerEnded'>;
  /** What a full disk sets off: queue paused, runs stopped as interrupted, the UI told. */
  diskGuard: DiskGuard;
  /** How long a trainer has to honour a cancel before it is killed. */
  cancelGraceMs: number;
  /** Where the lab reports what went wrong on its own side (the lab's stderr). */
  reportError: (message: string) => void;
}

/** What the trainer is told to do, less the envelope. */
export type TrainerJob = Omit<StartMessage, 'type' | 'version'>;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Trains one run in its own trainer process and records what it reports. The run's final status
 * always comes from here: from the trainer's last word (done, cancelled, failed), or, when the
 * process ends without one, from how it ended (exit code or signal, with its last stderr lines).
 */
export function startRunSession(
  context: SessionContext,
  queued: RunRecord,
  slot: DeviceSlot,
  job: Promise<TrainerJob>,
): RunSession {
  const runId = queued.id;
  const recorder = createRunRecorder(context, queued, slot);
  let child: StartedChild | undefined;
  let cancelRequested = false;
  let killedAfterGrace = false;
  let labFailure: string | null = null;
  let killTimer: NodeJS.Timeout | undefined;

  function abandon(reason: string): void {
    labFailure ??= reason;
    child?.kill();
  }

  function receive(raw: unknown): void {
    if (recorder.ended) return;
    const decoded = decodeTrainerMessage(raw);
    if (!decoded.ok) return abandon(decoded.problem);
    const { message } = decoded;
    if (message.type === 'log' && message.level !== 'info')
      child?.noteStderr(`[${message.level}] ${message.message}\n`);
    try {
      recorder.record(message);
    } catch (error) {
      abandon(`The lab could not record the trainer's ${message.type} report: ${errorText(error)}`);
    }
  }

  function settle(end: ChildEnd | null): void {
    clearTimeout(killTimer);
    try {
      if (labFailure !== null) recorder.finish('failed', labFailure);
      else if (cancelRequested || end?.exit.cancelledElsewhere === true) {
        recorder.finish(
          'cancelled',
          killedAfterGrace
            ? `The trainer did not stop within ${context.cancelGraceMs / 1000} s of the cancel and was killed.`
            : null,
        );
      } else if (end !== null)
        recorder.finish('failed', describeUnexpectedExit(end.exit, end.stderrLines));
    } catch (error) {
      // The run stays as it is; the next lab start marks a running run interrupted.
      context.reportError(`Run ${runId} could not be closed: ${errorText(error)}`);
    }
  }

  const finished = (async () => {
    let startJob: TrainerJob;
    try {
      startJob = await job;
    } catch (error) {
      labFailure = `The run could not be prepared: ${errorText(error)}`;
      settle(null);
      return;
    }
    if (cancelRequested) {
      recorder.cancelUnstarted();
      return;
    }
    const trainer = startChild(
      context.launcher,
      context.trainerScript,
      { type: 'start', version: TRAINER_PROTOCOL_VERSION, ...startJob },
      { env: slotEnvironment(slot), onMessage: receive },
    );
    child = trainer;
    const { pid } = trainer.process;
    if (pid !== undefined) recordInLock(() => context.lock.trainerStarted(runId, pid));
    const end = await trainer.ended;
    recordInLock(() => context.lock.trainerEnded(runId));
    settle(end);
  })().catch((error: unknown) => {
    // Whatever went wrong is this run's; the lab goes on (a run left running is interrupted later).
    context.reportError(`Run ${runId} ended with a lab error: ${errorText(error)}`);
  });

  /** The lock file lists trainer pids; failing to rewrite it must not end the lab. */
  function recordInLock(write: () => void): void {
    context.diskGuard.attempt(write, 'Updating the lock file');
  }

  return {
    finished,
    cancel() {
      if (cancelRequested || recorder.ended) return;
      cancelRequested = true;
      if (child === undefined) return;
      child.send({ type: 'cancel' });
      killTimer = setTimeout(() => {
        killedAfterGrace = true;
        child?.kill();
      }, context.cancelGraceMs);
    },
  };
}
