import type { SplitConfig } from '../../experiment/split';
import { foldCount } from '../../experiment/split';
import { holdoutSplit, kFoldSplit, timeSplit } from '../../splits';
import type { SplitFractions, SplitIndices } from '../../splits';

export interface SplitRowsOptions {
  count: number;
  /** Which fold this run trains on: 0 … k−1 for k-fold splits, 0 otherwise. */
  fold: number;
  /** Class index per row for classification tasks (stratification applies to them only); null otherwise. */
  classes: ArrayLike<number> | null;
  /** Time-order key per row for a time split; null keeps the row order. */
  orderBy: ArrayLike<number> | null;
  /** True when the test rows come from their own file: these rows give train and validation only. */
  testIsFixed: boolean;
}

/** The train, validation and test rows of one run, as the spec's split says. */
export function splitRows(split: SplitConfig, options: SplitRowsOptions): SplitIndices {
  const { count, fold, classes, orderBy, testIsFixed } = options;
  const folds = foldCount(split);
  if (!Number.isInteger(fold) || fold < 0 || fold >= folds) {
    throw new Error(
      `fold: must be a whole number from 0 to ${folds - 1} for a ${split.kind} split, received ${fold}`,
    );
  }
  switch (split.kind) {
    case 'holdout':
      return holdoutSplit({
        count,
        seed: split.seed,
        fractions: fractionsOf(split, testIsFixed),
        ...(split.stratify && classes !== null ? { stratifyBy: classes } : {}),
      });
    case 'kfold':
    case 'stratifiedKfold': {
      const stratify = split.kind === 'stratifiedKfold' && classes !== null;
      const { test, folds: all } = kFoldSplit({
        count,
        k: split.k,
        seed: split.seed,
        testFraction: testIsFixed ? 0 : split.test,
        ...(stratify ? { stratifyBy: classes } : {}),
      });
      const chosen = all[fold] ?? { train: [], validation: [] };
      return { train: chosen.train, validation: chosen.validation, test };
    }
    case 'time':
      return timeSplit({
        count,
        fractions: fractionsOf(split, testIsFixed),
        ...(orderBy === null ? {} : { orderBy }),
      });
  }
}

/** With the test rows in their own file, train and validation keep their ratio over these rows. */
function fractionsOf(split: SplitFractions, testIsFixed: boolean): SplitFractions {
  if (!testIsFixed) return { train: split.train, validation: split.validation, test: split.test };
  const kept = split.train + split.validation;
  return { train: split.train / kept, validation: split.validation / kept, test: 0 };
}
