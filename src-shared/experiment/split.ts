import { z } from 'zod';
import { flag, fraction, nonEmptyText, wholeNumberAtLeast } from './fields';

/**
 * How examples are divided. The split seed is separate from the training seed so that every
 * restart of an experiment sees the same split. The test part is only ever scored at the end,
 * never used for early stopping or for choosing a model. Stratification applies to classification
 * targets; regression and count targets are split without it.
 */
const splitSeed = wholeNumberAtLeast(0).default(0);

const holdoutFractions = {
  train: fraction().default(0.8),
  validation: fraction().default(0.1),
  test: fraction().default(0.1),
};

export const holdoutSplitSchema = z.strictObject({
  kind: z.literal('holdout'),
  ...holdoutFractions,
  stratify: flag().default(true),
  seed: splitSeed,
});

/** Each fold in turn is the validation part; `test` is held out once, before folding. */
export const kfoldSplitSchema = z.strictObject({
  kind: z.literal('kfold'),
  k: wholeNumberAtLeast(2).default(5),
  test: fraction().default(0.1),
  seed: splitSeed,
});

export const stratifiedKfoldSplitSchema = z.strictObject({
  kind: z.literal('stratifiedKfold'),
  k: wholeNumberAtLeast(2).default(5),
  test: fraction().default(0.1),
  seed: splitSeed,
});

/**
 * Time order, no shuffling: the earliest rows train, the next validate, the latest test.
 * `orderColumn` names the CSV column to sort by; null keeps the file's row order.
 */
export const timeSplitSchema = z.strictObject({
  kind: z.literal('time'),
  ...holdoutFractions,
  orderColumn: nonEmptyText('column name').nullable().default(null),
});

export const splitSchema = z.discriminatedUnion(
  'kind',
  [holdoutSplitSchema, kfoldSplitSchema, stratifiedKfoldSplitSchema, timeSplitSchema],
  { error: 'must be a split whose "kind" is "holdout", "kfold", "stratifiedKfold" or "time"' },
);
export type SplitConfig = z.infer<typeof splitSchema>;

/** Number of folds a split trains on: k for k-fold splits, one otherwise. */
export function foldCount(split: SplitConfig): number {
  return split.kind === 'kfold' || split.kind === 'stratifiedKfold' ? split.k : 1;
}
