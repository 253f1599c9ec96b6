import { Rng } from '../random';
import { apportion } from './apportion';
import { ascending, checkFractions, checkRowCount, checkStrata, rowsByClass } from './checks';
import { DEFAULT_FRACTIONS, type SplitFractions, type SplitIndices } from './types';

export interface HoldoutOptions {
  /** Rows in the data; the split holds the indices 0 … count−1. */
  readonly count: number;
  readonly seed: number;
  /** Default 0.8 / 0.1 / 0.1. */
  readonly fractions?: SplitFractions;
  /**
   * Class index of each row. When given, each class is split in the same proportions, so each
   * part's count of a class is within one row of (class size × fraction).
   */
  readonly stratifyBy?: ArrayLike<number>;
}

/**
 * Rows drawn at random (seeded) into train, validation and test. Part sizes are within one row
 * of count × fraction; indices in each part are ascending.
 */
export function holdoutSplit(options: HoldoutOptions): SplitIndices {
  const { count, seed, fractions = DEFAULT_FRACTIONS, stratifyBy } = options;
  checkRowCount(count);
  checkFractions(fractions);
  if (stratifyBy !== undefined) checkStrata(stratifyBy, count);
  return drawParts(Rng.fromSeed(seed), count, fractions, stratifyBy);
}

/** The holdout draw on a generator the caller may keep drawing from (k-fold does). */
export function drawParts(
  rng: Rng,
  count: number,
  fractions: SplitFractions,
  stratifyBy: ArrayLike<number> | undefined,
): SplitIndices {
  const allRows = Array.from({ length: count }, (_, i) => i);
  const groups = stratifyBy === undefined ? [allRows] : rowsByClass(stratifyBy, allRows);
  const counts = apportion(
    groups.map((group) => group.length),
    [fractions.train, fractions.validation, fractions.test],
  );
  const parts: [number[], number[], number[]] = [[], [], []];
  groups.forEach((group, g) => {
    rng.shuffle(group);
    let start = 0;
    counts[g]?.forEach((take, part) => {
      const target = parts[part as 0 | 1 | 2];
      for (let i = start; i < start + take; i++) target.push(group[i] as number);
      start += take;
    });
  });
  return { train: ascending(parts[0]), validation: ascending(parts[1]), test: ascending(parts[2]) };
}
