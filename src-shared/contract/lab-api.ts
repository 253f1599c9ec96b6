import { z } from 'zod';
import { systemInfoSchema } from './system';
import { testDiagnosticsSchema } from './diagnostics';
import { runEngineSchema } from './run-engine';
import type { Reply } from './envelope';
import {
  experimentCreateParamsSchema,
  experimentDuplicateParamsSchema,
  experimentIdParamsSchema,
  experimentLaunchParamsSchema,
  experimentRenameParamsSchema,
  experimentSchema,
  experimentsListParamsSchema,
  experimentSummarySchema,
  experimentUpdateParamsSchema,
  launchResultSchema,
  validationResultSchema,
} from './experiments';
import {
  queueReorderParamsSchema,
  queueSetPriorityParamsSchema,
  queueStateSchema,
  runDetailSchema,
  runEpochEventSchema,
  runIdParamsSchema,
  runsConfigsParamsSchema,
  runsConfigsResultSchema,
  runStatusEventSchema,
  runsListParamsSchema,
  runSummarySchema,
} from './runs';
import {
  curvesBandsParamsSchema,
  curvesBandsResultSchema,
  curvesGetParamsSchema,
  curvesResultSchema,
} from './curves';
import {
  exportMetricsCsvParamsSchema,
  exportMetricsCsvResultSchema,
  exportModelParamsSchema,
  exportModelResultSchema,
} from './exports';
import {
  compareDiffParamsSchema,
  compareDiffResultSchema,
  compareSnapshotCurveParamsSchema,
  compareStrategiesParamsSchema,
  snapshotCurveSchema,
  strategyComparisonSchema,
} from './compare';
import {
  landscapeIdParamsSchema,
  landscapeProgressEventSchema,
  landscapeSchema,
  landscapeStartParamsSchema,
} from './landscape';
import {
  deviceSampleSchema,
  devicesListResultSchema,
  devicesSamplesParamsSchema,
  devicesSamplesResultSchema,
} from './devices';

import {
  slurmClusterSchema,
  slurmExperimentJobsSchema,
  slurmRunJobsSchema,
  slurmSettingsUpdateSchema,
  slurmSettingsViewSchema,
} from './slurm';
const noParams = z.object({}).strict();

/**
 * The one interface between the UI and the lab core. Each method names the zod schema of its
 * parameters (validated at every transport boundary) and of its result. Later capabilities add
 * entries here; the transports and the renderer pick them up from the types.
 */
export const labMethods = {
  'system.info': { params: noParams, result: systemInfoSchema },

  'experiments.list': {
    params: experimentsListParamsSchema,
    result: z.object({ experiments: z.array(experimentSummarySchema) }),
  },
  'experiments.get': { params: experimentIdParamsSchema, result: experimentSchema },
  'experiments.create': { params: experimentCreateParamsSchema, result: experimentSchema },
  'experiments.update': { params: experimentUpdateParamsSchema, result: experimentSchema },
  'experiments.duplicate': { params: experimentDuplicateParamsSchema, result: experimentSchema },
  'experiments.rename': { params: experimentRenameParamsSchema, result: experimentSchema },
  'experiments.delete': {
    params: experimentIdParamsSchema,
    result: z.object({ deletedRuns: z.number().int().nonnegative() }),
  },
  'experiments.validate': { params: experimentCreateParamsSchema, result: validationResultSchema },
  'experiments.launch': { params: experimentLaunchParamsSchema, result: launchResultSchema },

  'queue.get': { params: noParams, result: queueStateSchema },
  'queue.pause': { params: noParams, result: queueStateSchema },
  'queue.resume': { params: noParams, result: queueStateSchema },
  'queue.reorder': { params: queueReorderParamsSchema, result: queueStateSchema },
  'queue.setPriority': { params: queueSetPriorityParamsSchema, result: queueStateSchema },

  'runs.list': {
    params: runsListParamsSchema,
    result: z.object({ runs: z.array(runSummarySchema), total: z.number().int().nonnegative() }),
  },
  'runs.get': { params: runIdParamsSchema, result: runDetailSchema },
  'runs.configs': { params: runsConfigsParamsSchema, result: runsConfigsResultSchema },
  'runs.cancel': { params: runIdParamsSchema, result: runSummarySchema },
  'runs.retry': { params: runIdParamsSchema, result: runSummarySchema },
  'runs.resume': { params: runIdParamsSchema, result: runSummarySchema },
  /** The selected model's test-split diagnostics; null when the run never reached the test split. */
  'runs.diagnostics': { params: runIdParamsSchema, result: testDiagnosticsSchema.nullable() },
  /** The backend, adapter, skipped backends and memory the run's trainer recorded; null before it chose. */
  'runs.engine': { params: runIdParamsSchema, result: runEngineSchema.nullable() },

  'curves.get': { params: curvesGetParamsSchema, result: curvesResultSchema },
  'curves.bands': { params: curvesBandsParamsSchema, result: curvesBandsResultSchema },

  'compare.strategies': { params: compareStrategiesParamsSchema, result: strategyComparisonSchema },
  'compare.diff': { params: compareDiffParamsSchema, result: compareDiffResultSchema },
  'compare.snapshotCurve': {
    params: compareSnapshotCurveParamsSchema,
    result: snapshotCurveSchema,
  },

  /** Starts the loss landscape of 1–3 checkpoints in the evaluator child, or returns the stored one. */
  'landscape.start': { params: landscapeStartParamsSchema, result: landscapeSchema },
  'landscape.get': { params: landscapeIdParamsSchema, result: landscapeSchema },

  'export.model': { params: exportModelParamsSchema, result: exportModelResultSchema },
  'export.metricsCsv': {
    params: exportMetricsCsvParamsSchema,
    result: exportMetricsCsvResultSchema,
  },

  'devices.list': { params: noParams, result: devicesListResultSchema },
  'devices.samples': { params: devicesSamplesParamsSchema, result: devicesSamplesResultSchema },

  'slurm.cluster': { params: noParams, result: slurmClusterSchema },
  'slurm.runJobs': { params: runIdParamsSchema, result: slurmRunJobsSchema },
  'slurm.experimentJobs': {
    params: z.object({ experimentId: z.number().int().positive() }).strict(),
    result: slurmExperimentJobsSchema,
  },
  /** The data folder's Slurm settings (slurm.json), as the Devices view edits them. */
  'slurm.settings': { params: noParams, result: slurmSettingsViewSchema },
  'slurm.updateSettings': { params: slurmSettingsUpdateSchema, result: slurmSettingsViewSchema },
} as const;

/** Events pushed from the core to every connected UI. */
export const labEvents = {
  'lab.ready': z.object({ startedAt: z.string() }),
  /** A write failed for want of space: the queue is paused; the UI shows `message` as a banner. */
  'lab.diskFull': z.object({
    message: z.string(),
    directory: z.string(),
    freeBytes: z.number().nonnegative(),
  }),
  'run.status': runStatusEventSchema,
  'run.epoch': runEpochEventSchema,
  'queue.changed': queueStateSchema,
  'device.sample': deviceSampleSchema,
  'landscape.progress': landscapeProgressEventSchema,
  /** A deep ensemble was scored (on validation, then on test if it is the pick): tables ask again. */
  'experiment.ensembleScored': z.object({
    experimentId: z.number().int().positive(),
    ensembleId: z.number().int().positive(),
  }),
} as const;

export type LabMethod = keyof typeof labMethods;
export type LabEvent = keyof typeof labEvents;
export type ParamsOf<M extends LabMethod> = z.input<(typeof labMethods)[M]['params']>;
export type ResultOf<M extends LabMethod> = z.infer<(typeof labMethods)[M]['result']>;
export type EventPayload<E extends LabEvent> = z.infer<(typeof labEvents)[E]>;

/** What the renderer holds: a call per method and a subscription per event. */
export interface LabApi {
  call<M extends LabMethod>(method: M, params: ParamsOf<M>): Promise<Reply<ResultOf<M>>>;
  on<E extends LabEvent>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
}

/** What the lab core implements: one async function per method, receiving validated params. */
export type LabHandlers = {
  [M in LabMethod]: (params: z.infer<(typeof labMethods)[M]['params']>) => Promise<ResultOf<M>>;
};

export function isLabMethod(name: unknown): name is LabMethod {
  return typeof name === 'string' && Object.hasOwn(labMethods, name);
}

export function isLabEvent(name: unknown): name is LabEvent {
  return typeof name === 'string' && Object.hasOwn(labEvents, name);
}
