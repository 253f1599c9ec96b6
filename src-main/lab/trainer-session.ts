import { assertNever } from '@shared/contract/envelope';
import { layerStatKey, LEARNING_RATE_KEY, THROUGHPUT_KEY } from '@shared/contract/series-keys';
import {
  TRAINER_PROTOCOL_VERSION,
  trainerToParentSchema,
  type EpochMessage,
  type StartMessage,
  type TrainerToParent,
} from '@shared/contract/trainer-protocol';
import { describeZodIssues } from '@shared/contract/zod-issues';
import { slotEnvironment, type DeviceSlot } from '@shared/scheduling/device-pool';
import type { MetricWriter } from '../store/metric-writer';
import type { Store } from '../store/open-store';
import type { FinishedStatus, RunRecord } from '../store/runs-repository';
import { describeDivergence } from './diagnosis-text';
import type { DataDirLock } from './data-dir-lock';
import type { LabEventBus } from './events';
import type { ChildExit, ChildLauncher, LaunchedChild } from '../child/launcher';
import type { RunSession } from './scheduler';
import { describeUnexpectedExit, StderrTail } from '../child/stderr-tail';

export interface SessionContext {
  store: Store;
  metricWriter: MetricWriter;
  events: LabEventBus;
  launcher: ChildLauncher;
  /** The built trainer entry, out/main/trainer.js. */
  trainerScript: string;
  /** Keeps the pid of every live trainer, for the lab that takes over after a crash. */
  lock: Pick<DataDirLock, 'trainerStarted' | 'trainerEnded'>;
  /** How long a trainer has to honour a cancel before it is killed. */
  cancelGraceMs: number;
  /** Where the lab reports what went wrong on its own side (the lab's stderr). */
  reportError: (message: string) => void;
}

/** What the trainer is told to do, less the envelope. */
export type TrainerJob = Omit<StartMessage, 'type' | 'version'>;

/** Every number of an epoch report the lab keeps as a curve. */
function epochSeries(message: EpochMessage): Record<string, number> {
  const values: Record<string, number> = {
    ...message.metrics,
    [LEARNING_RATE_KEY]: message.learningRate,
    [THROUGHPUT_KEY]: message.samplesPerSecond,
  };
  for (const layer of message.layers) {
    values[layerStatKey(layer.layer, 'gradientNorm')] = layer.gradientNorm;
    values[layerStatKey(layer.layer, 'updateRatio')] = layer.updateRatio;
    if (layer.deadReluFraction !== null) {
      values[layerStatKey(layer.layer, 'deadReluFraction')] = layer.deadReluFraction;
    }
  }
  return values;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function emitRunStatus(events: LabEventBus, run: RunRecord): void {
  events.emit('run.status', {
    runId: run.id,
    experimentId: run.experimentId,
    status: run.status,
    device: run.device,
    backend: run.backend,
    error: run.error,
    at: new Date().toISOString(),
  });
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
  const { store, metricWriter, events } = context;
  const runId = queued.id;
  const tail = new StderrTail();
  let child: LaunchedChild | undefined;
  let started = false;
  let ended = false;
  let cancelRequested = false;
  let killedAfterGrace = false;
  let labFailure: string | null = null;
  let killTimer: NodeJS.Timeout | undefined;
  let readyAt = 0;
  let resumedAfterEpoch = 0;
  // A run that trained before (now resumed or restarted) may have points past where it goes on.
  let staleMetrics = queued.startedAt !== null;

  function markStarted(backend: string): void {
    if (started) return;
    started = true;
    emitRunStatus(events, store.runs.start(runId, { backend, device: slot.id }));
  }

  function finish(
    status: FinishedStatus,
    error: string | null,
    diagnosis: string | null = null,
  ): void {
    if (ended) return;
    ended = true;
    metricWriter.flush();
    // A run that never got as far as choosing a backend still passes through running.
    markStarted('none');
    emitRunStatus(events, store.runs.finish(runId, status, { error, diagnosis }));
  }

  function abandon(reason: string): void {
    labFailure ??= reason;
    child?.kill();
  }

  function handle(message: TrainerToParent): void {
    switch (message.type) {
      case 'ready':
        if (message.version !== TRAINER_PROTOCOL_VERSION) {
          abandon(
            `The trainer speaks protocol version ${message.version}; this lab speaks ${TRAINER_PROTOCOL_VERSION}.`,
          );
          return;
        }
        readyAt = Date.now();
        resumedAfterEpoch = message.resumedAfterEpoch ?? 0;
        markStarted(message.backend);
        return;
      case 'epoch': {
        if (staleMetrics) {
          store.metrics.truncateAfter(runId, message.step - 1);
          staleMetrics = false;
        }
        metricWriter.addEpoch(runId, {
          step: message.step,
          epoch: message.epoch,
          wallTime: Date.now(),
          values: epochSeries(message),
        });
        const elapsedMs = Date.now() - readyAt;
        const perEpoch = elapsedMs / Math.max(1, message.epoch - resumedAfterEpoch);
        events.emit('run.epoch', {
          runId,
          experimentId: queued.experimentId,
          epoch: message.epoch,
          epochs: queued.epochs,
          metrics: message.metrics,
          learningRate: message.learningRate,
          elapsedMs,
          etaMs: Math.max(0, perEpoch * (queued.epochs - message.epoch)),
        });
        return;
      }
      case 'checkpoint':
        // The curve up to this epoch must be committed before a checkpoint can be resumed from.
        metricWriter.flush();
        store.checkpoints.record(runId, {
          kind: message.kind,
          epoch: message.epoch,
          path: message.path,
          metrics: message.metrics,
        });
        return;
      case 'ensemble': {
        metricWriter.flush();
        const snapshots = new Map(
          store.checkpoints
            .listForRun(runId)
            .filter((checkpoint) => checkpoint.kind === 'snapshot')
            .map((checkpoint) => [checkpoint.epoch, checkpoint.id]),
        );
        const members = message.members.map((member) => {
          const id = snapshots.get(member.epoch);
          if (id === undefined)
            throw new Error(
              `the ensemble names snapshot epoch ${member.epoch}, which was never reported`,
            );
          return id;
        });
        store.ensembles.recordSnapshot(runId, {
          members,
          rule: message.rule,
          metrics: message.metrics,
          byMemberCount: message.byMemberCount,
        });
        return;
      }
      case 'log':
        if (message.level !== 'info') tail.append(`[${message.level}] ${message.message}\n`);
        return;
      case 'done':
        metricWriter.flush();
        store.runs.recordSelection(runId, message.selected.kind, message.testMetrics);
        if (message.testDiagnostics !== undefined)
          store.runDiagnostics.record(runId, message.testDiagnostics);
        finish('succeeded', null);
        return;
      case 'cancelled':
        metricWriter.flush();
        store.checkpoints.record(runId, {
          kind: 'resume',
          epoch: message.epochsCompleted,
          path: message.resumePath,
          metrics: {},
        });
        finish('cancelled', null);
        return;
      case 'failed':
        finish(
          message.code === 'diverged' ? 'diverged' : 'failed',
          message.message,
          message.diagnosis === null ? null : describeDivergence(message.diagnosis),
        );
        return;
      default:
        assertNever(message, 'trainer message');
    }
  }

  function receive(raw: unknown): void {
    if (ended) return;
    const parsed = trainerToParentSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = describeZodIssues(parsed.error.issues, raw).map((p) => p.text);
      abandon(`The trainer sent a message the lab cannot read: ${problems.join('; ')}`);
      return;
    }
    try {
      handle(parsed.data);
    } catch (error) {
      abandon(
        `The lab could not record the trainer's ${parsed.data.type} report: ${errorText(error)}`,
      );
    }
  }

  function settle(exit: ChildExit | null): void {
    clearTimeout(killTimer);
    try {
      if (labFailure !== null) finish('failed', labFailure);
      else if (cancelRequested) {
        finish(
          'cancelled',
          killedAfterGrace
            ? `The trainer did not stop within ${context.cancelGraceMs / 1000} s of the cancel and was killed.`
            : null,
        );
      } else if (exit !== null) finish('failed', describeUnexpectedExit(exit, tail.lines()));
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
      ended = true;
      emitRunStatus(events, store.runs.finish(runId, 'cancelled'));
      return;
    }
    const trainer = context.launcher.launch({
      script: context.trainerScript,
      env: slotEnvironment(slot),
    });
    child = trainer;
    if (trainer.pid !== undefined) context.lock.trainerStarted(runId, trainer.pid);
    trainer.onStderr((text) => tail.append(text));
    trainer.onMessage(receive);
    const exited = new Promise<ChildExit>((resolve) => trainer.onExit(resolve));
    trainer.send({ type: 'start', version: TRAINER_PROTOCOL_VERSION, ...startJob });
    const exit = await exited;
    context.lock.trainerEnded(runId);
    settle(exit);
  })();

  return {
    finished,
    cancel() {
      if (cancelRequested || ended) return;
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
