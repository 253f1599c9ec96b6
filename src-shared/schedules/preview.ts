import { restartSteps } from './boundaries';
import type { Schedule } from './schedule';
import { LearningRateStepper } from './stepper';
import type { SwaPhase } from './swalr';

export interface PreviewRequest {
  schedule: Schedule;
  epochs: number;
  stepsPerEpoch: number;
  /** 0-based epochs at whose end a snapshot is taken (see `snapshotPlan`). */
  snapshotEpochs?: readonly number[];
  swa?: SwaPhase;
  /** The monitored value at the end of each epoch, for reduce-on-plateau. */
  metrics?: readonly number[];
}

export type PreviewMarkerKind = 'warmupEnd' | 'restart' | 'snapshot' | 'swaStart';

export interface PreviewMarker {
  kind: PreviewMarkerKind;
  /** Batches completed when it happens: the x-position on a per-batch axis. */
  step: number;
  /** The same position in epochs (step / stepsPerEpoch). */
  epoch: number;
}

export interface SchedulePreview {
  /** The rate of every batch of the run, epochs × stepsPerEpoch values. */
  lrs: number[];
  markers: PreviewMarker[];
  /** True when reduce-on-plateau lacked metrics for some epochs, so the curve assumes no plateau there. */
  dependsOnMetric: boolean;
}

function wholeNumber(name: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new Error(`schedule preview: ${name} must be a whole number ≥ ${min}, received ${value}`);
  }
}

/** Runs the trainer's own stepper over a whole run, for plotting. */
export function previewSchedule(request: PreviewRequest): SchedulePreview {
  const { schedule, epochs, stepsPerEpoch, swa } = request;
  wholeNumber('epochs', epochs, 1);
  wholeNumber('stepsPerEpoch', stepsPerEpoch, 1);
  if (swa !== undefined) {
    wholeNumber('swa.startEpoch', swa.startEpoch, 0);
    if (swa.startEpoch >= epochs) {
      throw new Error(
        `schedule preview: swa.startEpoch must be below epochs (${epochs}), received ${swa.startEpoch}`,
      );
    }
  }
  const swaStart = swa?.startEpoch ?? epochs;
  const perBatch = schedule.stepUnit === 'batch';
  const stepper = new LearningRateStepper(schedule, swa ?? null);
  const lrs: number[] = [];
  let dependsOnMetric = false;
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    stepper.beginEpoch(epoch);
    for (let batch = 0; batch < stepsPerEpoch; batch += 1) {
      lrs.push(stepper.batchLr());
      stepper.endBatch();
    }
    const metric = request.metrics?.[epoch];
    if (stepper.plateauMonitor !== null && metric === undefined) {
      dependsOnMetric = stepper.endEpochUnobserved() || dependsOnMetric;
    } else {
      stepper.endEpoch(metric);
    }
  }

  const toBatch = (k: number): number => (perBatch ? k : k * stepsPerEpoch);
  const scheduledUntil = swaStart * stepsPerEpoch;
  const markers: PreviewMarker[] = [];
  const mark = (kind: PreviewMarkerKind, step: number): void => {
    markers.push({ kind, step, epoch: step / stepsPerEpoch });
  };
  if (schedule.warmup !== null && toBatch(schedule.warmup.duration) < scheduledUntil) {
    mark('warmupEnd', toBatch(schedule.warmup.duration));
  }
  const scheduleStepsBeforeSwa = perBatch ? scheduledUntil : swaStart;
  for (const k of restartSteps(schedule, scheduleStepsBeforeSwa)) mark('restart', toBatch(k));
  for (const epoch of request.snapshotEpochs ?? []) {
    wholeNumber('snapshotEpochs[]', epoch, 0);
    if (epoch >= epochs) {
      throw new Error(
        `schedule preview: snapshot epochs must be below epochs (${epochs}), received ${epoch}`,
      );
    }
    mark('snapshot', (epoch + 1) * stepsPerEpoch);
  }
  if (swa !== undefined) mark('swaStart', scheduledUntil);
  markers.sort((a, b) => a.step - b.step);
  return { lrs, markers, dependsOnMetric };
}
