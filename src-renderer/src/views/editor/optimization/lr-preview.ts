import { previewSchedule, type SchedulePreview } from '@shared/schedules';
import { learningRatePlan, type LearningRateSections } from '@shared/training';

export type LrPreview = { ok: true; preview: SchedulePreview } | { ok: false; reason: string };

/**
 * The learning rate of every batch of one run, planned exactly as the trainer plans it, with its
 * warmup end, restarts, snapshots and SWA start marked; or why it cannot be planned.
 */
export function lrPreview(sections: LearningRateSections, stepsPerEpoch: number): LrPreview {
  try {
    const plan = learningRatePlan(sections, stepsPerEpoch);
    const preview = previewSchedule({
      schedule: plan.schedule,
      epochs: sections.training.epochs,
      stepsPerEpoch,
      snapshotEpochs: plan.snapshotEpochs,
      ...(plan.swa === null ? {} : { swa: plan.swa }),
    });
    return { ok: true, preview };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
