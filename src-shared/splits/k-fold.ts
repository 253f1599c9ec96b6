import { Rng } from '../random';
import { ascending, checkRowCount, checkStrata, rowsByClass } from './checks';
import { drawParts } from './holdout';
import type { KFoldSplit } from './types';

export interface KFoldOptions {
  /** Rows in the data; the split holds the indices 0 … count−1. */
  readonly count: number;
  /** Number of folds, ≥ 2. */
  readonly k: number;
  readonly seed: number;
  /**
   * Share of rows held out as the test part before folding (0 for none). The test part never
   * takes part in training or in choosing a model.
   */
  readonly testFraction: number;
  /**
   * Class index of each row. When given (stratified k-fold), the test part and every fold hold
   * each class in proportion: within one row of (class size × share).
   */
  readonly stratifyBy?: ArrayLike<number>;
}

/**
 * k-fold cross-validation: the rows left after the test part are shuffled (seeded) and dealt into
 * k folds whose sizes differ by at most one; fold i validates on its rows and trains on the
 * others. Stratified, each class is dealt round-robin in turn, continuing where the previous
 * class stopped (as scikit-learn's StratifiedKFold does), so folds stay balanced in size too.
 */
export function kFoldSplit(options: KFoldOptions): KFoldSplit {
  const { count, k, seed, testFraction, stratifyBy } = options;
  checkRowCount(count);
  if (!Number.isInteger(k) || k < 2) {
    throw new Error(`k: must be a whole number ≥ 2, received ${k}`);
  }
  if (!(testFraction >= 0 && testFraction < 1)) {
    throw new Error(`testFraction: must be in [0, 1), received ${testFraction}`);
  }
  if (stratifyBy !== undefined) checkStrata(stratifyBy, count);

  const rng = Rng.fromSeed(seed);
  const heldOut = drawParts(
    rng,
    count,
    { train: 1 - testFraction, validation: 0, test: testFraction },
    stratifyBy,
  );
  const remaining = heldOut.train;
  if (remaining.length < k) {
    throw new Error(
      `k: cannot make ${k} folds from the ${remaining.length} rows left after the test part`,
    );
  }

  let folds: number[][];
  if (stratifyBy === undefined) {
    const order = rng.shuffle([...remaining]);
    const boundary = (i: number) => Math.floor((i * order.length) / k);
    folds = Array.from({ length: k }, (_, i) => order.slice(boundary(i), boundary(i + 1)));
  } else {
    folds = Array.from({ length: k }, () => []);
    let dealt = 0;
    for (const group of rowsByClass(stratifyBy, remaining)) {
      for (const row of rng.shuffle(group)) folds[dealt++ % k]?.push(row);
    }
  }
  return {
    test: heldOut.test,
    folds: folds.map((validation, i) => ({
      train: ascending(folds.filter((_, j) => j !== i).flat()),
      validation: ascending(validation),
    })),
  };
}
