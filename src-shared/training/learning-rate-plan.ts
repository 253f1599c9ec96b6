import type { OptimizationConfig } from '../experiment/optimization';
import type { SnapshotConfig, StrategyConfig } from '../experiment/strategy';
import type { TrainingConfig } from '../experiment/training';
import { fromConfig, type Schedule } from '../schedules/schedule';
import { snapshotEnsembleSchedule } from '../schedules/snapshot-ensemble';
import type { SwaPhase } from '../schedules/swalr';
import { snapshotPlan } from './snapshots';

/** The sections of a resolved spec that shape a run's learning rate. */
export interface LearningRateSections {
  optimization: OptimizationConfig;
  training: TrainingConfig;
  strategy: StrategyConfig;
}

export interface LearningRatePlan {
  schedule: Schedule;
  /** Null without SWA. */
  swa: SwaPhase | null;
  /** The snapshot ensemble in effect; null without one or when SWA leaves no epoch for its cycles. */
  snapshot: SnapshotConfig | null;
  /** 0-based epochs at whose end a snapshot is taken; empty without a snapshot ensemble. */
  snapshotEpochs: number[];
}

/**
 * How a run's learning rate moves, for the trainer and for the editor's preview alike: the spec's
 * schedule, unless a snapshot ensemble replaces it with cosine cycles over the epochs before SWA
 * starts (all epochs without SWA); SWALR takes over from SWA's start epoch. The snapshot cosine
 * steps per batch unless `strategy.snapshot.stepUnit` says per epoch.
 */
export function learningRatePlan(
  { optimization, training, strategy }: LearningRateSections,
  stepsPerEpoch: number,
): LearningRatePlan {
  const cycleEpochs = strategy.swa === null ? training.epochs : strategy.swa.startEpoch;
  const snapshot = strategy.snapshot !== null && cycleEpochs >= 1 ? strategy.snapshot : null;
  const schedule =
    snapshot === null
      ? fromConfig(optimization.schedule, {
          baseLr: optimization.optimizer.learningRate,
          epochs: training.epochs,
          stepsPerEpoch,
        })
      : snapshotEnsembleSchedule({
          alpha0: snapshot.initialLr,
          epochs: cycleEpochs,
          cycles: snapshot.cycles,
          stepsPerEpoch,
          stepUnit: snapshot.stepUnit,
        });
  const { swa } = strategy;
  return {
    schedule,
    swa:
      swa === null
        ? null
        : {
            startEpoch: swa.startEpoch,
            params: {
              swaLr: swa.swaLr,
              annealEpochs: swa.annealEpochs,
              strategy: swa.annealStrategy,
            },
          },
    snapshot,
    snapshotEpochs:
      snapshot === null ? [] : [...snapshotPlan(cycleEpochs, snapshot.cycles).snapshotEpochs],
  };
}
