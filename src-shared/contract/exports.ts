import { z } from 'zod';
import { idSchema } from './runs';

/** A run, or a whole experiment (all its restarts). */
export const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), id: idSchema }).strict(),
  z.object({ kind: z.literal('experiment'), id: idSchema }).strict(),
]);
export type Source = z.infer<typeof sourceSchema>;

/**
 * best: the best checkpoint (of the run, or of the experiment's best run by validation);
 * swa: the SWA model (likewise); ensemble: a run's snapshot ensemble, or an experiment's deep
 * ensemble of every restart's selected model.
 */
export const exportKindSchema = z.enum(['best', 'swa', 'ensemble']);
export type ExportKind = z.infer<typeof exportKindSchema>;

const absolutePathSchema = z
  .string()
  .min(1)
  .refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path), {
    message: 'must be an absolute path',
  });

export const exportModelParamsSchema = z
  .object({ source: sourceSchema, kind: exportKindSchema, dir: absolutePathSchema })
  .strict();

export const exportModelResultSchema = z.object({
  dir: z.string(),
  /** Files written, relative to dir. */
  files: z.array(z.string()),
  /** The run(s) the exported weights come from. */
  runIds: z.array(idSchema),
  /** What the model scored on the test split when it was recorded; null when not recorded. */
  testMetrics: z.record(z.string(), z.number()).nullable(),
});
export type ExportModelResult = z.infer<typeof exportModelResultSchema>;

export const exportMetricsCsvParamsSchema = z
  .object({
    source: sourceSchema,
    path: absolutePathSchema,
    /** Replace an existing file (the UI asks "Replace?" first); refused otherwise. */
    overwrite: z.boolean().optional(),
  })
  .strict();

export const exportMetricsCsvResultSchema = z.object({
  path: z.string(),
  rows: z.number().int().nonnegative(),
});
