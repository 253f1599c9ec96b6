import { z } from 'zod';
import { idSchema } from './runs';
import { sourceSchema } from './exports';

export const compareStrategiesParamsSchema = z
  .object({
    experimentId: idSchema,
    /** A metric name (`accuracy`, `loss`, ...); the selection monitor's metric by default. */
    metric: z.string().min(1).optional(),
  })
  .strict();

/** Mean and sample standard deviation across runs; std is null below two. */
const spreadSchema = z.object({
  n: z.number().int().nonnegative(),
  mean: z.number(),
  std: z.number().nullable(),
});

/**
 * Strategy minus best epoch, paired by run (the deep ensemble: by fold, against the fold's best
 * single restart): the mean difference with an interval (paired t below 20 pairs, BCa bootstrap
 * from 20; none below 2, `note` says why) and the paired t-test's p-value, raw and Holm-adjusted
 * over the table's comparisons. Or, with no pair at all, why.
 */
const differenceSchema = z.union([
  z.object({
    pairs: z.number().int(),
    estimate: z.number(),
    interval: z
      .object({
        method: z.enum(['paired-t', 'bca-bootstrap']),
        lower: z.number(),
        upper: z.number(),
        confidence: z.number(),
      })
      .nullable(),
    pValue: z.number().nullable(),
    adjustedPValue: z.number().nullable(),
    note: z.string().nullable(),
  }),
  z.object({ pairs: z.number().int(), reason: z.string() }),
]);

export const candidateNameSchema = z.enum(['best-epoch', 'swa', 'snapshot-ensemble']);
export const strategyNameSchema = z.enum([
  'best-epoch',
  'swa',
  'snapshot-ensemble',
  'deep-ensemble',
]);

export const strategyComparisonSchema = z.object({
  experimentId: idSchema,
  specVersion: z.number().int(),
  metric: z.string(),
  direction: z.enum(['min', 'max']),
  /** Succeeded runs compared. */
  runs: z.number().int().nonnegative(),
  /** Differences with a p-value: the number of comparisons the Holm adjustment is over. */
  comparisons: z.number().int().nonnegative(),
  rows: z.array(
    z.object({
      strategy: strategyNameSchema,
      /** The validation metric across runs; null when no run has this model. */
      validation: spreadSchema.nullable(),
      /** Null on the best-epoch row itself. */
      differenceToBestEpoch: differenceSchema.nullable(),
      /** The test metric of the models finally selected with this strategy only. */
      test: spreadSchema.nullable(),
    }),
  ),
  /**
   * The experiment's pick on the selection monitor: a run's selected model, or the deep ensemble
   * (runId null), which competes on validation like every candidate and is scored on test only
   * when picked. Values are the compared metric's, null where it was not recorded.
   */
  selected: z
    .object({
      runId: idSchema.nullable(),
      candidate: strategyNameSchema,
      validation: z.number().nullable(),
      test: z.number().nullable(),
    })
    .nullable(),
});
export type StrategyComparison = z.infer<typeof strategyComparisonSchema>;

/** Two runs' resolved configs, two experiments' specs, or one of each. */
export const compareDiffParamsSchema = z.object({ a: sourceSchema, b: sourceSchema }).strict();

/** One difference from a to b; a layer inserted into the stack is one `added`, not a shift. */
export const specChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), path: z.string(), after: z.unknown() }),
  z.object({ kind: z.literal('removed'), path: z.string(), before: z.unknown() }),
  z.object({
    kind: z.literal('changed'),
    path: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  }),
]);

export const compareDiffResultSchema = z.object({ changes: z.array(specChangeSchema) });

export const compareSnapshotCurveParamsSchema = z
  .object({
    experimentIds: z.array(idSchema).min(1),
    /** A metric name (`accuracy`, `loss`, ...); its validation value is drawn. */
    metric: z.string().min(1),
  })
  .strict();

/** Per run with a snapshot ensemble: its validation metric for the last m snapshots, m = 1 … M. */
export const snapshotCurveSchema = z.object({
  metric: z.string(),
  runs: z.array(
    z.object({
      runId: idSchema,
      experimentId: idSchema,
      restart: z.number().int().nonnegative(),
      points: z.array(z.object({ members: z.number().int().positive(), value: z.number() })),
    }),
  ),
});
export type SnapshotCurve = z.infer<typeof snapshotCurveSchema>;
