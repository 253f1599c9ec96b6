import { assertNever } from '@shared/contract/envelope';
import { layerStatKey, LEARNING_RATE_KEY, THROUGHPUT_KEY } from '@shared/contract/series-keys';
import type { EpochMessage, TrainerToParent } from '@shared/contract/trainer-protocol';
import { isSampledOnTrain, trainRankingBasis } from '@shared/experiment/metric-names';
import type { DeviceSlot } from '@shared/scheduling/device-pool';
import type { MetricWriter } from '../../store/metric-writer';
import type { Store } from '../../store/open-store';
import type { FinishedStatus, RunRecord } from '../../store/runs-repository';
import { describeDivergence } from '../diagnosis-text';
import { isDiskFull } from '../disk-full';
import type { DiskGuard } from '../disk-guard';
import type { LabEventBus } from '../events';

export interface RecorderContext {
  store: Store;
  metricWriter: MetricWriter;
  events: LabEventBus;
  diskGuard: Pick<DiskGuard, 'stopped' | 'full'>;
}

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
 * Records what one run's trainer reports into the store and onto the event bus: its start, every
 * epoch's curve points, checkpoints and ensembles, and its one final status. Knows nothing of
 * processes; the session decides when a run ends without the trainer's last word.
 */
export function createRunRecorder(context: RecorderContext, queued: RunRecord, slot: DeviceSlot) {
  const { store, metricWriter, events } = context;
  const runId = queued.id;
  let started = false;
  let ended = false;
  let readyAt = 0;
  let resumedAfterEpoch = 0;
  let trainRows: number | null = null;
  let basisRecorded = false;
  // A run that trained before (now resumed or restarted) may have points past where it goes on.
  let staleMetrics = queued.startedAt !== null;

  function markStarted(backend: string): void {
    if (started) return;
    started = true;
    emitRunStatus(events, store.runs.start(runId, { backend, device: slot.id }));
  }

  /** The run's final status; only the first call counts. */
  function finish(outcome: FinishedStatus, failure: string | null, why: string | null = null) {
    if (ended) return;
    ended = true;
    // A run cut short by a full disk is resumable once space is freed: interrupted, not failed.
    const fullDisk =
      outcome !== 'succeeded' &&
      ((failure !== null && isDiskFull(failure)) || context.diskGuard.stopped(runId));
    const status = fullDisk ? 'interrupted' : outcome;
    const error = fullDisk ? context.diskGuard.full() : failure;
    const diagnosis = fullDisk ? null : why;
    try {
      metricWriter.flush();
    } catch (error) {
      // On a full disk the last points are lost; the run's status must still be recorded.
      if (!isDiskFull(error)) throw error;
    }
    // A run that never got as far as choosing a backend still passes through running.
    markStarted('none');
    emitRunStatus(events, store.runs.finish(runId, status, { error, diagnosis }));
  }

  /**
   * Why metrics are undefined (the latest reason per key, replacing the last epoch's), and once per
   * attempt what the sampled training metrics were computed on.
   */
  function recordMetricNotes(message: EpochMessage): void {
    store.metricNotes.record(runId, 'undefined', message.undefinedMetrics, message.epoch);
    if (basisRecorded || trainRows === null) return;
    const sampled = [
      ...Object.keys(message.metrics),
      ...Object.keys(message.undefinedMetrics),
    ].filter(isSampledOnTrain);
    const basis = trainRankingBasis(trainRows);
    store.metricNotes.record(
      runId,
      'basis',
      Object.fromEntries(sampled.map((key) => [key, basis])),
      message.epoch,
    );
    basisRecorded = true;
  }

  function recordEpoch(message: EpochMessage): void {
    if (staleMetrics) {
      store.metrics.truncateAfter(runId, message.step - 1);
      store.metricNotes.forgetUndefinedFrom(runId, message.epoch);
      staleMetrics = false;
    }
    recordMetricNotes(message);
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
  }

  function recordEnsemble(message: Extract<TrainerToParent, { type: 'ensemble' }>): void {
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
  }

  /** Records one trainer message (already decoded and of this lab's protocol). */
  function record(message: TrainerToParent): void {
    switch (message.type) {
      case 'ready':
        readyAt = Date.now();
        resumedAfterEpoch = message.resumedAfterEpoch ?? 0;
        trainRows = message.trainRows;
        markStarted(message.backend);
        return;
      case 'epoch':
        return recordEpoch(message);
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
      case 'ensemble':
        return recordEnsemble(message);
      case 'log':
        // Warnings and errors go to the session's stderr tail, which names them on a failure.
        return;
      case 'done':
        metricWriter.flush();
        store.runs.recordSelection(runId, message.selected.kind, message.testMetrics);
        store.metricNotes.record(runId, 'undefined', message.testUndefinedMetrics, null);
        if (message.testDiagnostics !== undefined)
          store.runDiagnostics.record(runId, message.testDiagnostics);
        return finish('succeeded', null);
      case 'cancelled':
        metricWriter.flush();
        store.checkpoints.record(runId, {
          kind: 'resume',
          epoch: message.epochsCompleted,
          path: message.resumePath,
          metrics: {},
        });
        return finish('cancelled', null);
      case 'failed':
        return finish(
          message.code === 'diverged' ? 'diverged' : 'failed',
          message.message,
          message.diagnosis === null ? null : describeDivergence(message.diagnosis),
        );
      default:
        assertNever(message, 'trainer message');
    }
  }

  /** A run cancelled before its trainer was launched ends without passing through running. */
  function cancelUnstarted(): void {
    if (ended) return;
    ended = true;
    emitRunStatus(events, store.runs.finish(runId, 'cancelled'));
  }

  return {
    record,
    finish,
    cancelUnstarted,
    get ended(): boolean {
      return ended;
    },
  };
}

export type RunRecorder = ReturnType<typeof createRunRecorder>;
