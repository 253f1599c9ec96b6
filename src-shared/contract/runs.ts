import { z } from 'zod';

/** Database ids of experiments and runs. */
export const idSchema = z.number().int().positive();

export const runStatusSchema = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'diverged',
  'cancelled',
  'interrupted',
]);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Statuses a run never leaves without a person asking (retry, resume). */
export const finishedStatuses: readonly RunStatus[] = [
  'succeeded',
  'failed',
  'diverged',
  'cancelled',
  'interrupted',
];

export const isoTimeSchema = z.string();

export const metricSummarySchema = z.object({
  best: z.number().nullable(),
  bestEpoch: z.number().int().nullable(),
  last: z.number().nullable(),
});

/** One row of the run table: what a list shows without reading curves. */
export const runSummarySchema = z.object({
  id: idSchema,
  experimentId: idSchema,
  experimentName: z.string(),
  specVersion: z.number().int().positive(),
  restart: z.number().int().nonnegative(),
  fold: z.number().int().nonnegative().nullable(),
  seed: z.number().int(),
  status: runStatusSchema,
  priority: z.number().int(),
  backend: z.string().nullable(),
  device: z.string().nullable(),
  queuedAt: isoTimeSchema,
  startedAt: isoTimeSchema.nullable(),
  finishedAt: isoTimeSchema.nullable(),
  durationMs: z.number().nonnegative().nullable(),
  /** The last epoch recorded, 1-based; null before the first. */
  epoch: z.number().int().nullable(),
  epochs: z.number().int().positive(),
  error: z.string().nullable(),
  diagnosis: z.string().nullable(),
  /** Best and last value of every metric key, from the summary table. */
  metrics: z.record(z.string(), metricSummarySchema),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const checkpointKindSchema = z.enum(['best', 'snapshot', 'swa', 'final', 'resume']);

export const checkpointSchema = z.object({
  kind: checkpointKindSchema,
  epoch: z.number().int().nonnegative(),
  path: z.string(),
  metrics: z.record(z.string(), z.number()),
  createdAt: isoTimeSchema,
});

/** One attempt of a run: its first start, then each resume, retry or Slurm resubmission. */
export const runAttemptSchema = z.object({
  /** 1-based, in the order the attempts began. */
  attempt: z.number().int().positive(),
  queuedAt: isoTimeSchema,
  /** Null while a resubmitted Slurm job waits for a node. */
  startedAt: isoTimeSchema.nullable(),
  /** Null while the attempt is under way. */
  endedAt: isoTimeSchema.nullable(),
  /** How it ended; null while under way, or for an attempt recorded before attempts were kept. */
  status: z.enum(['succeeded', 'failed', 'diverged', 'cancelled', 'interrupted']).nullable(),
  /** The last epoch stored when it ended, 1-based; null before its first. */
  epoch: z.number().int().nonnegative().nullable(),
  device: z.string().nullable(),
  backend: z.string().nullable(),
  /** The error, diagnosis or interruption that ended it. */
  reason: z.string().nullable(),
  /** The Slurm job it ran in ("12_3"), or null when it trained locally. */
  slurmJobId: z.string().nullable(),
});
export type RunAttempt = z.infer<typeof runAttemptSchema>;

export const runDetailSchema = runSummarySchema.extend({
  /** The fully defaulted spec this run trained with. */
  config: z.unknown(),
  checkpoints: z.array(checkpointSchema),
  /** Test-split metrics of the model the run selected; null until it finished. */
  testMetrics: z.record(z.string(), z.number()).nullable(),
  /** Which model the run selected by validation: best-epoch, swa or snapshot-ensemble. */
  selected: z.string().nullable(),
  /** Every attempt, first first; empty before the run first started. */
  attempts: z.array(runAttemptSchema),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const runSortSchema = z.object({
  by: z.enum(['queue', 'queuedAt', 'startedAt', 'duration', 'status', 'metric']),
  /** The metric key when sorting by metric. */
  metric: z.string().optional(),
  which: z.enum(['best', 'last']).default('best'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const runsListParamsSchema = z
  .object({
    experimentId: idSchema.optional(),
    status: z.array(runStatusSchema).optional(),
    sort: runSortSchema.optional(),
    limit: z.number().int().min(1).max(5000).default(500),
    offset: z.number().int().nonnegative().default(0),
  })
  .strict()
  .refine((p) => p.sort?.by !== 'metric' || (p.sort.metric ?? '') !== '', {
    message: 'sort.metric names the metric key when sorting by metric',
    path: ['sort', 'metric'],
  });

export const runIdParamsSchema = z.object({ id: idSchema }).strict();

/** Many runs' configs in one call (Compare groups thousands of runs by their settings). */
export const runsConfigsParamsSchema = z
  .object({ ids: z.array(idSchema).min(1).max(5000) })
  .strict();

export const runsConfigsResultSchema = z.object({
  /** The fully defaulted spec of each run asked for, in the order asked; unknown ids left out. */
  configs: z.array(z.object({ id: idSchema, config: z.unknown() })),
});

export const queueStateSchema = z.object({
  paused: z.boolean(),
  queued: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  /** Queued run ids in the order they will start. */
  order: z.array(idSchema),
});
export type QueueState = z.infer<typeof queueStateSchema>;

export const queueReorderParamsSchema = z
  .object({ runId: idSchema, toIndex: z.number().int().nonnegative() })
  .strict();

export const queueSetPriorityParamsSchema = z
  .object({ runId: idSchema, priority: z.number().int().min(-1000).max(1000) })
  .strict();

/** Pushed whenever a run changes status. */
export const runStatusEventSchema = z.object({
  runId: idSchema,
  experimentId: idSchema,
  status: runStatusSchema,
  device: z.string().nullable(),
  backend: z.string().nullable(),
  error: z.string().nullable(),
  at: isoTimeSchema,
});
export type RunStatusEvent = z.infer<typeof runStatusEventSchema>;

/** Pushed after every epoch of a running run. */
export const runEpochEventSchema = z.object({
  runId: idSchema,
  experimentId: idSchema,
  epoch: z.number().int().positive(),
  epochs: z.number().int().positive(),
  metrics: z.record(z.string(), z.number()),
  learningRate: z.number().nullable(),
  elapsedMs: z.number().nonnegative(),
  /** Time left at the pace so far. */
  etaMs: z.number().nonnegative(),
});
export type RunEpochEvent = z.infer<typeof runEpochEventSchema>;
