import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { holdoutSplit } from './holdout';
import { kFoldSplit } from './k-fold';
import { summarizeSplit } from './summary';
import { timeSplit } from './time-split';
import type { SplitFractions } from './types';

/** Slack for the floating-point products count × fraction. */
const ROUNDING = 1e-9;

interface Scenario {
  count: number;
  fractions: SplitFractions;
  classes: number[];
  seed: number;
}

/** Many random problems: sizes from 0 to 300, up to six imbalanced classes, odd fractions. */
function scenarios(howMany: number): Scenario[] {
  const rng = Rng.fromSeed(31337);
  return Array.from({ length: howMany }, (_, s) => {
    const count = s < 3 ? s : rng.integer(0, 301);
    const classWeights = Array.from({ length: rng.integer(1, 7) }, () => rng.uniform() ** 2 + 0.01);
    const weightSum = classWeights.reduce((a, b) => a + b);
    const classes = Array.from({ length: count }, () => {
      let u = rng.uniform() * weightSum;
      return classWeights.findIndex((w) => (u -= w) < 0) >>> 0;
    });
    const raw = [
      rng.uniform() + 0.2,
      rng.uniform() < 0.2 ? 0 : rng.uniform(),
      rng.uniform() < 0.2 ? 0 : rng.uniform(),
    ];
    const total = raw.reduce((a, b) => a + b);
    const [train = 1, validation = 0, test = 0] = raw.map((r) => r / total);
    return { count, fractions: { train, validation, test }, classes, seed: s };
  });
}

function expectPartition(parts: number[][], count: number): void {
  const all = parts.flat().sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: count }, (_, i) => i));
}

function countOf(rows: number[], classes: number[], label: number): number {
  return rows.filter((row) => classes[row] === label).length;
}

function labelsIn(classes: number[]): number[] {
  return [...new Set(classes)];
}

describe('holdout split', () => {
  const cases = scenarios(150);

  it('partitions the rows exactly, with sizes within one row of count × fraction', () => {
    for (const { count, fractions, seed } of cases) {
      const split = holdoutSplit({ count, fractions, seed });
      expectPartition([split.train, split.validation, split.test], count);
      expect(Math.abs(split.train.length - count * fractions.train)).toBeLessThan(1 + ROUNDING);
      expect(Math.abs(split.validation.length - count * fractions.validation)).toBeLessThan(
        1 + ROUNDING,
      );
      expect(Math.abs(split.test.length - count * fractions.test)).toBeLessThan(1 + ROUNDING);
    }
  });

  it('stratified: each class in each part within one row of its ideal, and sizes still within one', () => {
    for (const { count, fractions, classes, seed } of cases) {
      const split = holdoutSplit({ count, fractions, seed, stratifyBy: classes });
      expectPartition([split.train, split.validation, split.test], count);
      for (const part of ['train', 'validation', 'test'] as const) {
        expect(Math.abs(split[part].length - count * fractions[part])).toBeLessThan(1 + ROUNDING);
        for (const label of labelsIn(classes)) {
          const ideal =
            countOf(
              classes.map((_, i) => i),
              classes,
              label,
            ) * fractions[part];
          expect(Math.abs(countOf(split[part], classes, label) - ideal)).toBeLessThanOrEqual(
            1 + ROUNDING,
          );
        }
      }
    }
  });

  it('never puts a row in a part whose fraction is zero', () => {
    for (const { count, classes, seed } of cases) {
      const split = holdoutSplit({
        count,
        seed,
        fractions: { train: 0.7, validation: 0.3, test: 0 },
        stratifyBy: classes,
      });
      expect(split.test).toEqual([]);
    }
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const classes = Array.from({ length: 200 }, (_, i) => i % 3);
    const first = holdoutSplit({ count: 200, seed: 4, stratifyBy: classes });
    expect(holdoutSplit({ count: 200, seed: 4, stratifyBy: classes })).toEqual(first);
    expect(holdoutSplit({ count: 200, seed: 5, stratifyBy: classes })).not.toEqual(first);
  });

  it('defaults to 80 / 10 / 10', () => {
    const split = holdoutSplit({ count: 1000, seed: 0 });
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([
      800, 100, 100,
    ]);
  });

  it('names the field of bad options', () => {
    expect(() =>
      holdoutSplit({ count: 10, seed: 0, fractions: { train: 0.8, validation: 0.1, test: 0.2 } }),
    ).toThrow('fractions: train + validation + test must be 1, received 0.8 + 0.1 + 0.2');
    expect(() => holdoutSplit({ count: 3, seed: 0, stratifyBy: [0, 1] })).toThrow(
      'stratifyBy: needs one class per row (3), received 2',
    );
    expect(() => holdoutSplit({ count: 2.5, seed: 0 })).toThrow(
      'count: must be a whole number ≥ 0, received 2.5',
    );
  });
});

describe('k-fold split', () => {
  const cases = scenarios(120).filter(({ count }) => count >= 12);

  it.each([false, true])(
    'partitions exactly: test + each fold, folds cover the rest (stratified: %s)',
    (stratified) => {
      for (const { count, classes, seed, fractions } of cases) {
        const k = 2 + (seed % 5);
        const split = kFoldSplit({
          count,
          k,
          seed,
          testFraction: fractions.test,
          stratifyBy: stratified ? classes : undefined,
        });
        expect(split.folds).toHaveLength(k);
        expectPartition([split.test, ...split.folds.map((fold) => fold.validation)], count);
        for (const fold of split.folds)
          expectPartition([split.test, fold.train, fold.validation], count);
        const sizes = split.folds.map((fold) => fold.validation.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    },
  );

  it('stratified: each class in the test part and in each fold within one row of its ideal', () => {
    for (const { count, classes, seed, fractions } of cases) {
      const k = 2 + (seed % 5);
      const split = kFoldSplit({
        count,
        k,
        seed,
        testFraction: fractions.test,
        stratifyBy: classes,
      });
      const rest = split.folds.flatMap((fold) => fold.validation);
      for (const label of labelsIn(classes)) {
        const inAll = countOf(
          classes.map((_, i) => i),
          classes,
          label,
        );
        expect(
          Math.abs(countOf(split.test, classes, label) - inAll * fractions.test),
        ).toBeLessThanOrEqual(1 + ROUNDING);
        const inRest = countOf(rest, classes, label);
        for (const fold of split.folds) {
          expect(Math.abs(countOf(fold.validation, classes, label) - inRest / k)).toBeLessThan(1);
        }
      }
    }
  });

  it('gives the same folds for the same seed', () => {
    const options = { count: 50, k: 5, seed: 9, testFraction: 0.1 };
    expect(kFoldSplit(options)).toEqual(kFoldSplit(options));
    expect(kFoldSplit({ ...options, seed: 10 })).not.toEqual(kFoldSplit(options));
  });

  it('refuses more folds than rows', () => {
    expect(() => kFoldSplit({ count: 5, k: 5, seed: 0, testFraction: 0.2 })).toThrow(
      'k: cannot make 5 folds from the 4 rows left after the test part',
    );
    expect(() => kFoldSplit({ count: 5, k: 1, seed: 0, testFraction: 0 })).toThrow(
      'k: must be a whole number ≥ 2',
    );
  });
});

describe('time split', () => {
  it('keeps time order: every training row is no later than any validation row, and so on', () => {
    for (const { count, fractions, seed } of scenarios(100)) {
      const rng = Rng.fromSeed(seed);
      const time = Array.from({ length: count }, () => rng.integer(0, 50));
      const split = timeSplit({ count, orderBy: time, fractions });
      expectPartition([split.train, split.validation, split.test], count);
      const keys = [...split.train, ...split.validation, ...split.test].map(
        (row) => time[row] as number,
      );
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
      expect(Math.abs(split.train.length - count * fractions.train)).toBeLessThan(1 + ROUNDING);
    }
  });

  it('keeps file order for equal keys and without keys', () => {
    expect(timeSplit({ count: 10 })).toEqual({
      train: [0, 1, 2, 3, 4, 5, 6, 7],
      validation: [8],
      test: [9],
    });
    expect(
      timeSplit({
        count: 5,
        orderBy: [3, 1, 3, 1, 2],
        fractions: { train: 0.6, validation: 0.2, test: 0.2 },
      }),
    ).toEqual({ train: [1, 3, 4], validation: [0], test: [2] });
  });

  it('rejects a key that is not a number', () => {
    expect(() => timeSplit({ count: 2, orderBy: [1, Number.NaN] })).toThrow(
      'orderBy[1]: must be a number, received NaN',
    );
  });
});

describe('split summary', () => {
  it('reports sizes and class balance per part', () => {
    const classes = [0, 0, 1, 1, 1, 2];
    const summary = summarizeSplit({ train: [0, 2, 3, 5], validation: [1, 4], test: [] }, classes);
    expect(summary.total).toBe(6);
    expect(summary.classShares).toEqual([2 / 6, 3 / 6, 1 / 6]);
    expect(summary.parts).toEqual([
      {
        name: 'train',
        size: 4,
        share: 4 / 6,
        classCounts: [1, 2, 1],
        classShares: [0.25, 0.5, 0.25],
      },
      {
        name: 'validation',
        size: 2,
        share: 2 / 6,
        classCounts: [1, 1, 0],
        classShares: [0.5, 0.5, 0],
      },
      { name: 'test', size: 0, share: 0, classCounts: [0, 0, 0], classShares: null },
    ]);
  });

  it('reports sizes only without classes, and handles no rows', () => {
    expect(summarizeSplit({ train: [0, 1], test: [2] }).parts[0]).toEqual({
      name: 'train',
      size: 2,
      share: 2 / 3,
      classCounts: null,
      classShares: null,
    });
    expect(summarizeSplit({ train: [] }, [])).toEqual({
      total: 0,
      parts: [{ name: 'train', size: 0, share: 0, classCounts: [], classShares: null }],
      classShares: null,
    });
  });
});
