import { z } from 'zod';
import { landscapeResultSchema, landscapeShapeSchema } from './landscape';
import { dataReferenceSchema } from './trainer-protocol';

/**
 * Messages between the lab core and the landscape evaluator, a short-lived child process that
 * scores a model at many points in weight space. Bump the version whenever a message changes shape.
 */
export const LANDSCAPE_PROTOCOL_VERSION = 1;

export const landscapeRequestSchema = z.strictObject({
  type: z.literal('landscape'),
  version: z.number().int(),
  shape: landscapeShapeSchema,
  /** Checkpoint folders (layers format) in order A, B, C. */
  checkpoints: z.array(z.string().min(1)).min(1).max(3),
  /** The first checkpoint's run's resolved spec: its data, split and layers are every one's. */
  spec: z.unknown(),
  fold: z.number().int().nonnegative().nullable(),
  data: dataReferenceSchema,
  points: z.number().int().min(2),
  seed: z.number().int().nonnegative(),
  recomputeBatchNorm: z.boolean(),
});
export type LandscapeRequest = z.infer<typeof landscapeRequestSchema>;

export const landscapeToParentSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('progress'),
    done: z.number().int().nonnegative(),
    total: z.number().int().positive(),
  }),
  z.strictObject({
    type: z.literal('computed'),
    result: landscapeResultSchema,
    /** False when the net has no trainable batch norm, so nothing was recomputed. */
    recomputedBatchNorm: z.boolean(),
  }),
  z.strictObject({ type: z.literal('failed'), message: z.string() }),
]);
export type LandscapeToParent = z.infer<typeof landscapeToParentSchema>;
