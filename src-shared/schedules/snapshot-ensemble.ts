import type { StepUnit } from './config';
import type { Schedule } from './schedule';
import { snapshotPlan } from '../training/snapshots';

export interface SnapshotEnsembleOptions {
  /** α₀, the rate at the start of every cycle. */
  alpha0: number;
  epochs: number;
  cycles: number;
  stepsPerEpoch: number;
  stepUnit: StepUnit;
}

/**
 * The cyclic cosine of snapshot ensembles (Huang et al., 2017),
 * α(t) = α₀/2·(cos(π·mod(t−1, ⌈T/M⌉)/⌈T/M⌉) + 1), which is cosine annealing with warm restarts every
 * ⌈T/M⌉ epochs down to 0. Stepped per batch, the cosine moves within each epoch as well.
 */
export function snapshotEnsembleSchedule(options: SnapshotEnsembleOptions): Schedule {
  if (!(options.alpha0 > 0 && Number.isFinite(options.alpha0))) {
    throw new Error(`snapshot ensemble: alpha0 must be a number > 0, received ${options.alpha0}`);
  }
  const { cycleLength } = snapshotPlan(options.epochs, options.cycles);
  return {
    kind: 'cosineWarmRestarts',
    baseLr: options.alpha0,
    stepUnit: options.stepUnit,
    warmup: null,
    t0: options.stepUnit === 'epoch' ? cycleLength : cycleLength * options.stepsPerEpoch,
    tMult: 1,
    etaMin: 0,
  };
}
