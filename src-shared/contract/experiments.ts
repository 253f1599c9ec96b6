import { z } from 'zod';
import { idSchema, isoTimeSchema, runStatusSchema } from './runs';

/** A problem found in a spec: where, what is wrong, what was there. */
export const problemSchema = z.object({
  path: z.string(),
  message: z.string(),
  received: z.unknown(),
  text: z.string(),
});

export const experimentSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The spec version runs launched now will point at; every update adds one. */
  specVersion: z.number().int().positive(),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  /** How many runs are in each status (statuses with no runs are left out). */
  runCounts: z.partialRecord(runStatusSchema, z.number().int().nonnegative()),
});
export type ExperimentSummary = z.infer<typeof experimentSummarySchema>;

export const experimentSchema = experimentSummarySchema.extend({
  /** The ExperimentSpec as written (not defaulted); validated whenever it is stored. */
  spec: z.unknown(),
});
export type Experiment = z.infer<typeof experimentSchema>;

/** An experiment's name: what rename and duplicate accept (the editor's dialog checks it too). */
export const experimentNameSchema = z.string().trim().min(1, 'must be non-empty text').max(200);

export const experimentsListParamsSchema = z.object({ search: z.string().optional() }).strict();

export const experimentIdParamsSchema = z.object({ id: idSchema }).strict();

/** Specs travel as unknown JSON: the spec validator, not the transport, reports every problem. */
export const experimentCreateParamsSchema = z.object({ spec: z.unknown() }).strict();

export const experimentUpdateParamsSchema = z.object({ id: idSchema, spec: z.unknown() }).strict();

export const experimentRenameParamsSchema = z
  .object({ id: idSchema, name: experimentNameSchema })
  .strict();

export const experimentDuplicateParamsSchema = z
  .object({ id: idSchema, name: experimentNameSchema.optional() })
  .strict();

export const experimentLaunchParamsSchema = z
  .object({ id: idSchema, priority: z.number().int().min(-1000).max(1000).default(0) })
  .strict();

export const validationResultSchema = z.object({
  valid: z.boolean(),
  problems: z.array(problemSchema),
  warnings: z.array(problemSchema),
});
export type ValidationResult = z.infer<typeof validationResultSchema>;

export const launchResultSchema = z.object({
  experimentId: idSchema,
  specVersion: z.number().int().positive(),
  runIds: z.array(idSchema),
});
