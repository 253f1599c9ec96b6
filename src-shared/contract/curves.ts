import { z } from 'zod';
import { idSchema } from './runs';

/** What a curve is plotted against: optimizer step, epoch, or seconds since the run started. */
export const curveAxisSchema = z.enum(['step', 'epoch', 'wallTime']);
export type CurveAxis = z.infer<typeof curveAxisSchema>;

const rangeSchema = z
  .object({ from: z.number(), to: z.number() })
  .strict()
  .refine((range) => range.from <= range.to, { message: 'from must be ≤ to', path: ['to'] });

const keysSchema = z.array(z.string().min(1)).min(1).max(50);

/** Points per curve the caller can draw; a zoom asks again with a narrower range. */
const resolutionSchema = z.number().int().min(2).max(20_000);

export const curvesGetParamsSchema = z
  .object({
    runIds: z.array(idSchema).min(1).max(1000),
    keys: keysSchema,
    x: curveAxisSchema.default('step'),
    resolution: resolutionSchema.default(1000),
    range: rangeSchema.optional(),
  })
  .strict();

export const curveSchema = z.object({
  runId: idSchema,
  key: z.string(),
  x: z.array(z.number()),
  y: z.array(z.number()),
});

export const curvesResultSchema = z.object({ curves: z.array(curveSchema) });

export const curvesBandsParamsSchema = z
  .object({
    groups: z
      .array(z.object({ label: z.string(), runIds: z.array(idSchema).min(1).max(1000) }).strict())
      .min(1)
      .max(50),
    keys: keysSchema,
    x: curveAxisSchema.default('step'),
    resolution: resolutionSchema.default(1000),
    range: rangeSchema.optional(),
  })
  .strict();

/** Mean, min, max and standard deviation across a group's runs, aligned by x. */
export const bandSchema = z.object({
  label: z.string(),
  key: z.string(),
  x: z.array(z.number()),
  mean: z.array(z.number()),
  min: z.array(z.number()),
  max: z.array(z.number()),
  std: z.array(z.number()),
  count: z.array(z.number().int()),
});

export const curvesBandsResultSchema = z.object({ bands: z.array(bandSchema) });
