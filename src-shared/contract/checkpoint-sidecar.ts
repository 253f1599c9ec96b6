import { z } from 'zod';
import type { PreprocessingStats } from '../data/prepare/prepared';
import { taskKinds } from '../experiment/datasets';
import { checkpointKindSchema } from './runs';

/** How to read the model's output on raw inputs (after applying `preprocessing`). */
export const outputMeaningSchema = z.enum([
  'class-probabilities',
  'positive-probability',
  'value',
  'log-rate',
]);
export type OutputMeaning = z.infer<typeof outputMeaningSchema>;

/** What every checkpoint of a run shares. */
export const runIdentitySchema = z.object({
  runId: z.string(),
  /** SHA-256 of the resolved spec's canonical JSON: a resume must match it. */
  specHash: z.string(),
  task: z.enum(taskKinds),
  inputShape: z.array(z.number().int().positive()),
  output: outputMeaningSchema,
  /** Input scaling and target encoding, fitted on the training split; the trainer's own JSON. */
  preprocessing: z.custom<PreprocessingStats>(
    (value) => typeof value === 'object' && value !== null && 'input' in value && 'target' in value,
    { error: 'must be the preprocessing object the trainer wrote (input and target)' },
  ),
  backend: z.string(),
});
export type RunIdentity = z.infer<typeof runIdentitySchema>;

/** checkpoint.json, next to model.json and weights.bin in every checkpoint folder. */
export const checkpointSidecarSchema = runIdentitySchema.extend({
  format: z.literal('basin-checkpoint'),
  formatVersion: z.literal(1),
  kind: checkpointKindSchema,
  epoch: z.number().int().nonnegative(),
  /** JSON writes NaN as null. */
  metrics: z.record(z.string(), z.number().nullable()),
  createdAt: z.string(),
});
export type CheckpointSidecar = z.infer<typeof checkpointSidecarSchema>;
