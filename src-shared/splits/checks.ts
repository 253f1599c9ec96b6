import type { SplitFractions } from './types';

export function checkRowCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`count: must be a whole number ≥ 0, received ${count}`);
  }
}

export function checkFractions(fractions: SplitFractions): void {
  for (const part of ['train', 'validation', 'test'] as const) {
    const value = fractions[part];
    if (!(value >= 0 && value <= 1)) {
      throw new Error(`fractions.${part}: must be between 0 and 1, received ${value}`);
    }
  }
  if (!(fractions.train > 0)) throw new Error('fractions.train: must be above 0, received 0');
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-9) {
    throw new Error(
      `fractions: train + validation + test must be 1, received ${fractions.train} + ${fractions.validation} + ${fractions.test} = ${sum}`,
    );
  }
}

/** Class index of every row, for stratification. */
export function checkStrata(stratifyBy: ArrayLike<number>, count: number): void {
  if (stratifyBy.length !== count) {
    throw new Error(
      `stratifyBy: needs one class per row (${count}), received ${stratifyBy.length}`,
    );
  }
  for (let i = 0; i < stratifyBy.length; i++) {
    const value = stratifyBy[i] as number;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(
        `stratifyBy[${i}]: must be a class index (a whole number ≥ 0), received ${value}`,
      );
    }
  }
}

/** Rows of each class, in row order, for classes in ascending order. */
export function rowsByClass(stratifyBy: ArrayLike<number>, rows: Iterable<number>): number[][] {
  const groups = new Map<number, number[]>();
  for (const row of rows) {
    const label = stratifyBy[row] as number;
    const group = groups.get(label);
    if (group === undefined) groups.set(label, [row]);
    else group.push(row);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

export function ascending(rows: number[]): number[] {
  return rows.sort((a, b) => a - b);
}
