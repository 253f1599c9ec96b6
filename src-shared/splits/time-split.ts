import { checkFractions, checkRowCount } from './checks';
import { apportion } from './apportion';
import { DEFAULT_FRACTIONS, type SplitFractions, type SplitIndices } from './types';

export interface TimeSplitOptions {
  /** Rows in the data; the split holds the indices 0 … count−1. */
  readonly count: number;
  /**
   * Sort key of each row (a timestamp, a date as milliseconds, a sequence number); rows with equal
   * keys keep their file order. Without it, the file order is the time order.
   */
  readonly orderBy?: ArrayLike<number>;
  /** Default 0.8 / 0.1 / 0.1. */
  readonly fractions?: SplitFractions;
}

/**
 * No shuffling: the earliest rows train, the next validate, the latest test, so the model is
 * always judged on rows later than any it learned from. Indices in each part are in time order.
 */
export function timeSplit(options: TimeSplitOptions): SplitIndices {
  const { count, orderBy, fractions = DEFAULT_FRACTIONS } = options;
  checkRowCount(count);
  checkFractions(fractions);
  const order = Array.from({ length: count }, (_, i) => i);
  if (orderBy !== undefined) {
    if (orderBy.length !== count) {
      throw new Error(`orderBy: needs one key per row (${count}), received ${orderBy.length}`);
    }
    for (let i = 0; i < count; i++) {
      if (Number.isNaN(orderBy[i]))
        throw new Error(`orderBy[${i}]: must be a number, received NaN`);
    }
    // Array.prototype.sort is stable, so equal keys stay in row order.
    order.sort((a, b) => {
      const first = orderBy[a] as number;
      const second = orderBy[b] as number;
      return first < second ? -1 : first > second ? 1 : 0;
    });
  }
  const [trainSize = 0, validationSize = 0] =
    apportion([count], [fractions.train, fractions.validation, fractions.test])[0] ?? [];
  return {
    train: order.slice(0, trainSize),
    validation: order.slice(trainSize, trainSize + validationSize),
    test: order.slice(trainSize + validationSize),
  };
}
