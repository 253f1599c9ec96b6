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
  /**
   * The value (as JSON text, e.g. `0.01` or `"adam"`) of the setting a list was sorted or filtered
   * by; absent when the list named no setting, null when the run's config lacks it.
   */
  setting: z.string().nullable().optional(),
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

/**
 * What a metric's numbers cannot say: why it is undefined ('undefined', the latest reason the
 * trainer gave), or what it was computed on when not every row of its split ('basis').
 */
export const metricNoteSchema = z.object({
  /** `<split>.<metric>`, e.g. `val.poissonDeviance`. */
  key: z.string().min(1),
  kind: z.enum(['undefined', 'basis']),
  note: z.string().min(1),
  /** The epoch the note is from (1-based); null for the selected model's test metrics. */
  epoch: z.number().int().nonnegative().nullable(),
});
export type MetricNote = z.infer<typeof metricNoteSchema>;

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
  /** Notes on its metrics, ordered by key then kind. */
  metricNotes: z.array(metricNoteSchema),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

/**
 * Where a value sits in a run's fully defaulted spec, as Compare's group-by writes it:
 * `optimization.optimizer.learningRate`, `model.layers[0].units`.
 */
export const settingPathSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/, {
    message:
      'a setting path is names joined by dots, with [n] for list items, e.g. model.layers[0].units',
  });

export const runSortSchema = z
  .object({
    by: z.enum([
      'queue',
      'queuedAt',
      'startedAt',
      'duration',
      'status',
      'experiment',
      'backend',
      'metric',
      'setting',
    ]),
    /** The metric key when sorting by metric. */
    metric: z.string().optional(),
    which: z.enum(['best', 'last']).default('best'),
    /** The setting's path when sorting by setting. */
    path: settingPathSchema.optional(),
    direction: z.enum(['asc', 'desc']).default('asc'),
  })
  .strict();

export const runsListParamsSchema = z
  .object({
    experimentId: idSchema.optional(),
    status: z.array(runStatusSchema).optional(),
    /** Only runs trained on this backend (`wasm`, `tensorflow`, ...). */
    backend: z.string().min(1).optional(),
    /** Only runs carrying this tag. */
    tag: z.string().min(1).optional(),
    /** Only runs whose setting at `path` is `equals` (JSON text: `0.01`, `"adam"`, `true`). */
    setting: z.object({ path: settingPathSchema, equals: z.string() }).strict().optional(),
    /** Only runs whose best (or last) value of `key` lies within the bounds given. */
    metric: z
      .object({
        key: z.string().min(1),
        which: z.enum(['best', 'last']).default('best'),
        atLeast: z.number().optional(),
        atMost: z.number().optional(),
      })
      .strict()
      .optional(),
    sort: runSortSchema.optional(),
    limit: z.number().int().min(1).max(5000).default(500),
    offset: z.number().int().nonnegative().default(0),
  })
  .strict()
  .refine((p) => p.sort?.by !== 'metric' || (p.sort.metric ?? '') !== '', {
    message: 'sort.metric names the metric key when sorting by metric',
    path: ['sort', 'metric'],
  })
  .refine((p) => p.sort?.by !== 'setting' || p.sort.path !== undefined, {
    message: 'sort.path names the setting when sorting by setting',
    path: ['sort', 'path'],
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
