import { cyclicCycleStarts } from './cyclic';
import type { Schedule } from './schedule';
import { warmRestartsStarts } from './warm-restarts';

/**
 * Schedule steps, below `until`, where the rate jumps back up: a new cycle of a cyclic schedule or
 * a warm restart. Counted from step 0 of the run, warmup included.
 */
export function restartSteps(schedule: Schedule, until: number): number[] {
  const offset = schedule.warmup?.duration ?? 0;
  const mainUntil = until - offset;
  switch (schedule.kind) {
    case 'cyclic':
      return cyclicCycleStarts(schedule, mainUntil).map((k) => k + offset);
    case 'cosineWarmRestarts':
      return warmRestartsStarts(schedule, mainUntil).map((k) => k + offset);
    default:
      return [];
  }
}
