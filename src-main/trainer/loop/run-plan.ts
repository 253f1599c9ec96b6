import type { ResolvedSpec } from '@shared/experiment/spec';
import { rowsPerBatch } from '@shared/experiment/training';
import { parseMonitor } from '@shared/experiment/metric-names';
import type { Schedule, SwaPhase } from '@shared/schedules';
import { learningRatePlan, type EarlyStoppingRule, type Monitor } from '@shared/training';

/** Everything about a run's course that follows from the spec and the training-set size. */
export interface RunPlan {
  epochs: number;
  batchSize: number;
  stepsPerEpoch: number;
  schedule: Schedule;
  swa: (SwaPhase & { recomputeBatchNorm: boolean }) | null;
  /** 0-based epochs at whose end a snapshot is taken; empty without a snapshot ensemble. */
  snapshotEpochs: number[];
  /** How many of the last snapshots form the ensemble. */
  ensembleMembers: number;
  earlyStopping: { monitor: string; rule: EarlyStoppingRule } | null;
  /** The validation metric that names the best epoch and chooses among candidates. */
  selection: Monitor;
}

function concreteMode(mode: 'auto' | 'min' | 'max', monitor: string): 'min' | 'max' {
  if (mode !== 'auto') return mode;
  throw new Error(`the mode of ${monitor} is still "auto"; the spec must be resolved first`);
}

/** The learning rate follows `learningRatePlan`, shared with the editor's preview. */
export function planRun(spec: ResolvedSpec, trainCount: number): RunPlan {
  const { training, strategy } = spec;
  const batchSize = rowsPerBatch(training.batchSize, trainCount);
  const stepsPerEpoch = Math.max(1, Math.ceil(trainCount / batchSize));
  const learningRate = learningRatePlan(spec, stepsPerEpoch);
  const stopping = training.earlyStopping;
  const selectionMonitor = strategy.selection.monitor;
  if (parseMonitor(selectionMonitor) === null)
    throw new Error(`strategy.selection.monitor ${selectionMonitor} does not parse`);
  return {
    epochs: training.epochs,
    batchSize,
    stepsPerEpoch,
    schedule: learningRate.schedule,
    swa:
      learningRate.swa === null || strategy.swa === null
        ? null
        : { ...learningRate.swa, recomputeBatchNorm: strategy.swa.recomputeBatchNorm },
    snapshotEpochs: learningRate.snapshotEpochs,
    ensembleMembers: learningRate.snapshot?.membersUsed ?? 0,
    earlyStopping:
      stopping === null
        ? null
        : {
            monitor: stopping.monitor,
            rule: {
              mode: concreteMode(stopping.mode, stopping.monitor),
              patience: stopping.patience,
              minDelta: stopping.minDelta,
              startFromEpoch: stopping.startEpoch,
              restoreBestWeights: stopping.restoreBest,
              baseline: null,
            },
          },
    selection: {
      key: selectionMonitor,
      mode: concreteMode(strategy.selection.mode, selectionMonitor),
    },
  };
}
