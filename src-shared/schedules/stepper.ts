import type { Schedule } from './schedule';
import { advanceSchedule, scheduleLr, startSchedule, type ScheduleState } from './state';
import { advanceSwaLr, startSwaLr, type SwaLrState, type SwaPhase } from './swalr';

/** Plain data, saved with a resume checkpoint. */
export interface LearningRateState {
  schedule: ScheduleState;
  swa: SwaLrState | null;
}

/**
 * The one learning-rate stepper, a sequence like torch's SequentialLR + SWALR: `schedule` (the
 * spec's, or the snapshot ensemble's cosine cycles) advances per batch or per epoch until SWA's
 * start epoch, then SWALR anneals from the rate reached there, once per epoch. The trainer and the
 * editor's preview both drive it, so the curve drawn is the curve trained.
 */
export class LearningRateStepper {
  constructor(
    readonly schedule: Schedule,
    private readonly swaPhase: SwaPhase | null,
    private current: LearningRateState = { schedule: startSchedule(schedule), swa: null },
  ) {}

  get state(): LearningRateState {
    return this.current;
  }

  /** Call before the first batch of `epoch` (0-based). */
  beginEpoch(epoch: number): void {
    if (this.swaPhase !== null && epoch === this.swaPhase.startEpoch && this.current.swa === null) {
      this.current = { ...this.current, swa: startSwaLr(this.swaPhase.params, this.batchLr()) };
    }
  }

  /** The rate of the next batch. */
  batchLr(): number {
    return this.current.swa === null
      ? scheduleLr(this.schedule, this.current.schedule)
      : this.current.swa.lr;
  }

  endBatch(): void {
    if (this.schedule.stepUnit === 'batch' && this.current.swa === null) {
      this.current = {
        ...this.current,
        schedule: advanceSchedule(this.schedule, this.current.schedule),
      };
    }
  }

  /** `metric` is the epoch's monitored value, which only reduce-on-plateau reads. */
  endEpoch(metric: number | undefined): void {
    if (this.current.swa !== null && this.swaPhase !== null) {
      this.current = { ...this.current, swa: advanceSwaLr(this.swaPhase.params, this.current.swa) };
    } else if (this.schedule.stepUnit === 'epoch') {
      this.current = {
        ...this.current,
        schedule: advanceSchedule(this.schedule, this.current.schedule, metric),
      };
    }
  }

  /**
   * Ends an epoch whose monitored value is unknown (a preview before training): the step counts and
   * no plateau is assumed. Returns whether the rate would have read the value.
   */
  endEpochUnobserved(): boolean {
    const monitor = this.plateauMonitor;
    if (monitor === null) {
      this.endEpoch(undefined);
      return false;
    }
    const readsMetric = this.current.schedule.step >= (this.schedule.warmup?.duration ?? 0);
    const { schedule } = this.current;
    this.current = { ...this.current, schedule: { ...schedule, step: schedule.step + 1 } };
    return readsMetric;
  }

  /** The monitored metric reduce-on-plateau needs at epoch end, if any. */
  get plateauMonitor(): string | null {
    return this.schedule.kind === 'reduceOnPlateau' && this.current.swa === null
      ? this.schedule.monitor
      : null;
  }
}
