import { assertNever } from '../contract/envelope';
import type { PlateauRule } from '../training/reduce-on-plateau';
import type { ScheduleConfig, StepUnit, WarmupConfig } from './config';
import type { CyclicMode } from './cyclic';

/** What a schedule needs to know about the run it drives. */
export interface ScheduleContext {
  /** The optimizer's learning rate ε₀. */
  baseLr: number;
  epochs: number;
  stepsPerEpoch: number;
}

interface ScheduleCommon {
  baseLr: number;
  stepUnit: StepUnit;
  warmup: WarmupConfig | null;
}

/** A schedule ready to run: its config with the base rate and every run-dependent length filled in. */
export type Schedule = ScheduleCommon &
  (
    | { kind: 'constant' }
    | { kind: 'step'; stepSize: number; gamma: number }
    | { kind: 'exponential'; gamma: number }
    | { kind: 'inverseTime'; decayRate: number }
    | { kind: 'linear'; tau: number; finalLr: number }
    | { kind: 'cosine'; tMax: number; etaMin: number }
    | {
        kind: 'cyclic';
        mode: CyclicMode;
        maxLr: number;
        stepSizeUp: number;
        stepSizeDown: number;
        gamma: number;
      }
    | { kind: 'cosineWarmRestarts'; t0: number; tMult: number; etaMin: number }
    | { kind: 'reduceOnPlateau'; monitor: string; rule: PlateauRule }
  );

export type ClosedFormSchedule = Exclude<Schedule, { kind: 'reduceOnPlateau' }>;

/** Schedule steps in the whole run: epochs, or epochs × batches per epoch. */
export function totalScheduleSteps(stepUnit: StepUnit, context: ScheduleContext): number {
  return stepUnit === 'epoch' ? context.epochs : context.epochs * context.stepsPerEpoch;
}

function checkContext(context: ScheduleContext): void {
  if (!(context.baseLr > 0 && Number.isFinite(context.baseLr))) {
    throw new Error(
      `schedule: the optimizer learning rate must be a number > 0, received ${context.baseLr}`,
    );
  }
  for (const field of ['epochs', 'stepsPerEpoch'] as const) {
    const value = context[field];
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new Error(`schedule: ${field} must be a whole number ≥ 1, received ${value}`);
    }
  }
}

/**
 * Builds a runnable schedule from a parsed config. An omitted `tau` or `tMax` spans the rest of the
 * run after warmup, so the rate reaches its floor just after the last step.
 */
export function fromConfig(config: ScheduleConfig, context: ScheduleContext): Schedule {
  checkContext(context);
  const common: ScheduleCommon = {
    baseLr: context.baseLr,
    stepUnit: config.stepUnit,
    warmup: config.warmup ?? null,
  };
  const afterWarmup = Math.max(
    1,
    totalScheduleSteps(config.stepUnit, context) - (config.warmup?.duration ?? 0),
  );
  switch (config.kind) {
    case 'constant':
      return { ...common, kind: 'constant' };
    case 'step':
      return { ...common, kind: 'step', stepSize: config.stepSize, gamma: config.gamma };
    case 'exponential':
      return { ...common, kind: 'exponential', gamma: config.gamma };
    case 'inverseTime':
      return { ...common, kind: 'inverseTime', decayRate: config.decayRate };
    case 'linear':
      return { ...common, kind: 'linear', tau: config.tau ?? afterWarmup, finalLr: config.finalLr };
    case 'cosine':
      return { ...common, kind: 'cosine', tMax: config.tMax ?? afterWarmup, etaMin: config.etaMin };
    case 'cyclic':
      if (!(config.maxLr > context.baseLr)) {
        throw new Error(
          `schedule.maxLr: must be greater than the optimizer learning rate ${context.baseLr}, received ${config.maxLr}`,
        );
      }
      return {
        ...common,
        kind: 'cyclic',
        mode: config.mode,
        maxLr: config.maxLr,
        stepSizeUp: config.stepSizeUp,
        stepSizeDown: config.stepSizeDown ?? config.stepSizeUp,
        gamma: config.gamma,
      };
    case 'cosineWarmRestarts':
      return {
        ...common,
        kind: 'cosineWarmRestarts',
        t0: config.t0,
        tMult: config.tMult,
        etaMin: config.etaMin,
      };
    case 'reduceOnPlateau': {
      const { kind: _kind, stepUnit: _stepUnit, warmup: _warmup, monitor, ...rule } = config;
      return { ...common, kind: 'reduceOnPlateau', monitor, rule };
    }
    default:
      return assertNever(config, 'schedule kind');
  }
}

/** The fully explicit config of a schedule (run-dependent lengths included); inverse of fromConfig. */
export function toConfig(schedule: Schedule): ScheduleConfig {
  const warmup = schedule.warmup === null ? {} : { warmup: schedule.warmup };
  switch (schedule.kind) {
    case 'constant':
      return { kind: 'constant', stepUnit: schedule.stepUnit, ...warmup };
    case 'step':
      return {
        kind: 'step',
        stepUnit: schedule.stepUnit,
        ...warmup,
        stepSize: schedule.stepSize,
        gamma: schedule.gamma,
      };
    case 'exponential':
      return { kind: 'exponential', stepUnit: schedule.stepUnit, ...warmup, gamma: schedule.gamma };
    case 'inverseTime':
      return {
        kind: 'inverseTime',
        stepUnit: schedule.stepUnit,
        ...warmup,
        decayRate: schedule.decayRate,
      };
    case 'linear':
      return {
        kind: 'linear',
        stepUnit: schedule.stepUnit,
        ...warmup,
        tau: schedule.tau,
        finalLr: schedule.finalLr,
      };
    case 'cosine':
      return {
        kind: 'cosine',
        stepUnit: schedule.stepUnit,
        ...warmup,
        tMax: schedule.tMax,
        etaMin: schedule.etaMin,
      };
    case 'cyclic':
      return {
        kind: 'cyclic',
        stepUnit: schedule.stepUnit,
        ...warmup,
        mode: schedule.mode,
        maxLr: schedule.maxLr,
        stepSizeUp: schedule.stepSizeUp,
        stepSizeDown: schedule.stepSizeDown,
        gamma: schedule.gamma,
      };
    case 'cosineWarmRestarts':
      return {
        kind: 'cosineWarmRestarts',
        stepUnit: schedule.stepUnit,
        ...warmup,
        t0: schedule.t0,
        tMult: schedule.tMult,
        etaMin: schedule.etaMin,
      };
    case 'reduceOnPlateau':
      return {
        kind: 'reduceOnPlateau',
        stepUnit: 'epoch',
        ...warmup,
        monitor: schedule.monitor,
        ...schedule.rule,
      };
    default:
      return assertNever(schedule, 'schedule kind');
  }
}
