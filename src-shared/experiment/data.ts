import { z } from 'zod';
import {
  builtinDatasetIds,
  builtinDatasets,
  generatedDatasetIds,
  generatorOptionsSchema,
  taskKinds,
} from './datasets';
import { nonEmptyText, oneOf } from './fields';

/**
 * Generator options may be partly given for generated datasets (the rest come from the catalog)
 * and must be absent for recorded ones.
 */
export const builtinSourceSchema = z
  .strictObject({
    kind: z.literal('builtin'),
    dataset: oneOf(builtinDatasetIds),
    generator: generatorOptionsSchema.partial().nullable().default(null),
  })
  .transform(({ kind, dataset, generator }, context) => {
    const defaults = builtinDatasets[dataset].generator;
    if (defaults === null && generator !== null) {
      context.issues.push({
        code: 'custom',
        input: generator,
        path: ['generator'],
        message: `must be null: ${dataset} is a recorded dataset, generator options apply only to ${generatedDatasetIds.join(', ')}`,
      });
    }
    return { kind, dataset, generator: defaults === null ? null : { ...defaults, ...generator } };
  });

export const columnTypeSchema = oneOf(['numeric', 'categorical', 'ignored']);
export type ColumnType = z.infer<typeof columnTypeSchema>;

export const missingValuePolicySchema = oneOf(['drop', 'mean', 'median', 'mode', 'error']);
export type MissingValuePolicy = z.infer<typeof missingValuePolicySchema>;

/**
 * A CSV file with a header row. Column types are inferred from the values; `columns` overrides
 * them by header name. `missing` says what to do with empty cells in feature columns: drop the
 * row, fill with the training split's mean/median/mode, or stop with an error naming the row and
 * column. A row without a target is always dropped.
 */
export const csvSourceSchema = z.strictObject({
  kind: z.literal('csv'),
  path: nonEmptyText('path'),
  target: nonEmptyText('column name'),
  delimiter: z
    .string({ error: 'must be a single character' })
    .length(1, { error: 'must be a single character' })
    .default(','),
  columns: z.record(z.string(), columnTypeSchema).default({}),
  missing: missingValuePolicySchema.default('error'),
});

/** An MNIST-format pair of files (gzipped or not). */
export const idxPairSchema = z.strictObject({
  images: nonEmptyText('path'),
  labels: nonEmptyText('path'),
});

/** With a `test` pair the test set is fixed by the files and the split only carves validation. */
export const idxSourceSchema = z.strictObject({
  kind: z.literal('idx'),
  train: idxPairSchema,
  test: idxPairSchema.nullable().default(null),
});

export const dataSourceSchema = z.discriminatedUnion(
  'kind',
  [builtinSourceSchema, csvSourceSchema, idxSourceSchema],
  { error: 'must be a data source whose "kind" is "builtin", "csv" or "idx"' },
);
export type DataSource = z.infer<typeof dataSourceSchema>;

/**
 * Feature scaling and categorical encoding. Statistics are fitted on the training split only and
 * stored with each checkpoint so raw inputs can be scored later.
 */
export const preprocessingSchema = z.strictObject({
  scale: oneOf(['standardize', 'minmax', 'none']).default('standardize'),
  oneHot: z.boolean({ error: 'must be true or false' }).default(true),
});
export type Preprocessing = z.infer<typeof preprocessingSchema>;

/** `task: "auto"` is inferred from the target (see `DataFacts`); naming one overrides it. */
export const dataSchema = z.strictObject({
  source: dataSourceSchema,
  task: oneOf(['auto', ...taskKinds]).default('auto'),
  preprocessing: preprocessingSchema.prefault({}),
});
export type DataConfig = z.infer<typeof dataSchema>;
