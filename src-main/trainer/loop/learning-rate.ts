import {
  advanceSchedule,
  advanceSwaLr,
  scheduleLr,
  startSchedule,
  startSwaLr,
  type Schedule,
  type ScheduleState,
  type SwaLrParams,
  type SwaLrState,
} from '@shared/schedules';

export interface SwaPhase {
  /** The first epoch (0-based) that SWA averages; SWALR takes over the rate there. */
  startEpoch: number;
  params: SwaLrParams;
}

/** Plain data, saved with a resume checkpoint. */
export interface LearningRateState {
  schedule: ScheduleState;
  swa: SwaLrState | null;
}

/**
 * The learning rate of every batch, stepped exactly as `previewSchedule` steps it (a test holds
 * the two together): the schedule advances per batch or per epoch until SWA starts, then SWALR
 * anneals once per epoch.
 */
export class LearningRatePlan {
  constructor(
    readonly schedule: Schedule,
    private readonly swaPhase: SwaPhase | null,
    private current: LearningRateState = { schedule: startSchedule(schedule), swa: null },
  ) {}

  get state(): LearningRateState {
    return this.current;
  }

  /** Call before the first batch of `epoch`. */
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

  /** The monitored metric reduce-on-plateau needs at epoch end, if any. */
  get plateauMonitor(): string | null {
    return this.schedule.kind === 'reduceOnPlateau' && this.current.swa === null
      ? this.schedule.monitor
      : null;
  }
}
