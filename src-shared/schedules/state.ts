import { assertNever } from '../contract/envelope';
import { observePlateau, startPlateau, type PlateauState } from '../training/reduce-on-plateau';
import { cosineLr, exponentialLr, inverseTimeLr, linearDecayLr, stepDecayLr } from './decays';
import { cyclicLr } from './cyclic';
import type { ClosedFormSchedule, Schedule } from './schedule';
import { warmRestartsLr } from './warm-restarts';
import { warmupLr } from './warmup';

/**
 * Where a running schedule stands. `step` counts schedule steps taken (epochs or batches, per
 * `stepUnit`); `plateau` is the reduce-on-plateau machine, null for every other kind. Plain data,
 * so it can be saved with a checkpoint and resumed.
 */
export interface ScheduleState {
  readonly step: number;
  readonly plateau: PlateauState | null;
}

/** The rate of a schedule that needs no state, at 0-based schedule step k (warmup included). */
export function closedFormLr(schedule: ClosedFormSchedule, k: number): number {
  if (schedule.warmup !== null && k < schedule.warmup.duration)
    return warmupLr(schedule.baseLr, schedule.warmup, k);
  const main = k - (schedule.warmup?.duration ?? 0);
  const { baseLr } = schedule;
  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return stepDecayLr(baseLr, schedule.stepSize, schedule.gamma, main);
    case 'exponential':
      return exponentialLr(baseLr, schedule.gamma, main);
    case 'inverseTime':
      return inverseTimeLr(baseLr, schedule.decayRate, main);
    case 'linear':
      return linearDecayLr(baseLr, schedule.tau, schedule.finalLr, main);
    case 'cosine':
      return cosineLr(baseLr, schedule.tMax, schedule.etaMin, main);
    case 'cyclic':
      return cyclicLr(schedule, main);
    case 'cosineWarmRestarts':
      return warmRestartsLr(schedule, main);
    default:
      return assertNever(schedule, 'schedule kind');
  }
}

export function startSchedule(schedule: Schedule): ScheduleState {
  return {
    step: 0,
    plateau: schedule.kind === 'reduceOnPlateau' ? startPlateau(schedule.baseLr) : null,
  };
}

/** The learning rate in force for the current schedule step. */
export function scheduleLr(schedule: Schedule, state: ScheduleState): number {
  if (schedule.kind !== 'reduceOnPlateau') return closedFormLr(schedule, state.step);
  if (schedule.warmup !== null && state.step < schedule.warmup.duration) {
    return warmupLr(schedule.baseLr, schedule.warmup, state.step);
  }
  return plateauOf(state).lr;
}

/**
 * Ends the current schedule step. Reduce-on-plateau needs the step's monitored value once warmup is
 * over (during warmup the rate is still climbing, so a plateau there means nothing); other kinds
 * ignore `metric`.
 */
export function advanceSchedule(
  schedule: Schedule,
  state: ScheduleState,
  metric?: number,
): ScheduleState {
  const step = state.step + 1;
  if (schedule.kind !== 'reduceOnPlateau' || state.step < (schedule.warmup?.duration ?? 0)) {
    return { step, plateau: state.plateau };
  }
  if (metric === undefined) {
    throw new Error(
      `reduce-on-plateau needs the value of ${schedule.monitor} at the end of every epoch`,
    );
  }
  return { step, plateau: observePlateau(schedule.rule, plateauOf(state), metric) };
}

function plateauOf(state: ScheduleState): PlateauState {
  if (state.plateau === null) {
    throw new Error(
      'reduce-on-plateau: this schedule state has no plateau; start it with startSchedule',
    );
  }
  return state.plateau;
}
