import { z } from 'zod';
import { checkpointKindSchema, idSchema, isoTimeSchema } from './runs';

/**
 * The loss landscape around checkpoints (LabApi side): one checkpoint gives a plane of two random
 * filter-normalised directions (Li et al. 2018), two give the line θ(t) = (1 − t)·A + t·B for
 * t ∈ [−0.25, 1.25] with its barrier, three give the plane through them (Garipov et al. 2018).
 */

/** A run's model: its selected one, its best epoch, its SWA average or its K-th snapshot (from 1). */
export const checkpointRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ runId: idSchema, kind: z.enum(['selected', 'best', 'swa']) }),
  z.strictObject({
    runId: idSchema,
    kind: z.literal('snapshot'),
    snapshot: z.number().int().positive(),
  }),
]);
export type CheckpointRef = z.infer<typeof checkpointRefSchema>;

export const landscapeShapeSchema = z.enum(['directions', 'line', 'plane']);
export type LandscapeShape = z.infer<typeof landscapeShapeSchema>;

export const LANDSCAPE_POINT_LIMIT = 101;

export const landscapeStartParamsSchema = z
  .object({
    checkpoints: z.array(checkpointRefSchema).min(1).max(3),
    /** Points along the line, or per side of a plane's grid (defaults: 25 and 11). */
    points: z.number().int().min(2).max(LANDSCAPE_POINT_LIMIT).optional(),
    /** Seed of the random directions around one checkpoint (default 0). */
    seed: z.number().int().nonnegative().optional(),
    /** Recompute batch-norm statistics at every point (default true; ignored without batch norm). */
    recomputeBatchNorm: z.boolean().optional(),
  })
  .strict();

export const landscapeIdParamsSchema = z.object({ id: idSchema }).strict();

/** Loss and accuracy of the weights at one point; accuracy is null for regression. */
export const pointScoresSchema = z.object({
  trainLoss: z.number(),
  valLoss: z.number(),
  trainAccuracy: z.number().nullable(),
  valAccuracy: z.number().nullable(),
});
export type PointScores = z.infer<typeof pointScoresSchema>;

/** max over sampled t ∈ [0, 1] of loss(t) − ((1 − t)·loss(0) + t·loss(1)), and where. */
export const barrierSchema = z.object({ height: z.number(), t: z.number() });

/** Rows scored: the training rows are an even sample of at most a fixed number, for cost. */
export const scoredRowsSchema = z.object({
  train: z.number().int().nonnegative(),
  trainTotal: z.number().int().nonnegative(),
  validation: z.number().int().nonnegative(),
});

export type ScoredRows = z.infer<typeof scoredRowsSchema>;

export const lineResultSchema = z.object({
  kind: z.literal('line'),
  rows: scoredRowsSchema,
  points: z.array(pointScoresSchema.extend({ t: z.number() })),
  barrier: z.object({ train: barrierSchema, validation: barrierSchema }),
});

export const planeResultSchema = z.object({
  kind: z.literal('plane'),
  rows: scoredRowsSchema,
  /** `checkpoints`: the plane through three; `random-directions`: around one (filter-normalised). */
  basis: z.enum(['checkpoints', 'random-directions']),
  x: z.array(z.number()),
  y: z.array(z.number()),
  /** Row-major: y outer, x inner, so points[j·x.length + i] is at (x[i], y[j]). */
  points: z.array(pointScoresSchema),
  /** Where the checkpoints sit: A at the origin. */
  marks: z.array(z.object({ label: z.string(), x: z.number(), y: z.number() })),
});

export const landscapeResultSchema = z.discriminatedUnion('kind', [
  lineResultSchema,
  planeResultSchema,
]);
export type LandscapeResult = z.infer<typeof landscapeResultSchema>;
export type LineResult = z.infer<typeof lineResultSchema>;
export type PlaneResult = z.infer<typeof planeResultSchema>;

export const landscapeCheckpointSchema = z.object({
  checkpointId: idSchema,
  runId: idSchema,
  kind: checkpointKindSchema,
  epoch: z.number().int().nonnegative(),
  /** e.g. "run 3 best (epoch 12)". */
  label: z.string(),
});

export const landscapeStatusSchema = z.enum(['running', 'done', 'failed']);

export const landscapeSchema = z.object({
  id: idSchema,
  shape: landscapeShapeSchema,
  checkpoints: z.array(landscapeCheckpointSchema),
  points: z.number().int(),
  seed: z.number().int(),
  /** Whether batch-norm statistics were recomputed at each point (false for nets without it). */
  recomputeBatchNorm: z.boolean(),
  status: landscapeStatusSchema,
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  result: landscapeResultSchema.nullable(),
  error: z.string().nullable(),
  createdAt: isoTimeSchema,
});
export type Landscape = z.infer<typeof landscapeSchema>;

export const landscapeProgressEventSchema = z.object({
  id: idSchema,
  status: landscapeStatusSchema,
  done: z.number().int(),
  total: z.number().int(),
});
