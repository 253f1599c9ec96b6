import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdoutSplit, kFoldSplit } from './index';

/** Bounded and seeded, so a failure reproduces and the suite stays fast. */
const runs = { numRuns: 100, seed: 20261206 };

const fractionsArb = fc
  .tuple(
    fc.integer({ min: 1, max: 20 }),
    fc.integer({ min: 0, max: 20 }),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(([a, b, c]) => {
    const sum = a + b + c;
    const validation = b / sum;
    const test = c / sum;
    return { train: 1 - validation - test, validation, test };
  });

/** A class label per row, 1 to 4 classes. */
const strataArb = (count: number) =>
  fc.array(fc.integer({ min: 0, max: 3 }), { minLength: count, maxLength: count });

const sorted = (rows: readonly number[]) => [...rows].sort((a, b) => a - b);
const countOf = (rows: readonly number[], labels: readonly number[], label: number) =>
  rows.filter((row) => labels[row] === label).length;

describe('holdoutSplit properties', () => {
  it('partitions the rows, each part ascending and within one row of count × fraction', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fractionsArb,
        fc.nat(),
        (count, fractions, seed) => {
          const split = holdoutSplit({ count, seed, fractions });
          const all = [...split.train, ...split.validation, ...split.test];
          expect(sorted(all)).toEqual(Array.from({ length: count }, (_, i) => i));
          for (const part of ['train', 'validation', 'test'] as const) {
            expect(split[part]).toEqual(sorted(split[part]));
            expect(Math.abs(split[part].length - count * fractions[part])).toBeLessThanOrEqual(1);
          }
        },
      ),
      runs,
    );
  });

  it('stratified, holds every class in each part within one row of its share', () => {
    const arb = fc
      .integer({ min: 1, max: 200 })
      .chain((count) => fc.tuple(fc.constant(count), strataArb(count), fractionsArb, fc.nat()));
    fc.assert(
      fc.property(arb, ([count, labels, fractions, seed]) => {
        const split = holdoutSplit({ count, seed, fractions, stratifyBy: labels });
        for (const label of new Set(labels)) {
          const classSize = labels.filter((l) => l === label).length;
          for (const part of ['train', 'validation', 'test'] as const) {
            const expected = classSize * fractions[part];
            expect(Math.abs(countOf(split[part], labels, label) - expected)).toBeLessThanOrEqual(1);
          }
        }
      }),
      runs,
    );
  });

  it('is a function of its seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(), (count, seed) => {
        expect(holdoutSplit({ count, seed })).toEqual(holdoutSplit({ count, seed }));
      }),
      runs,
    );
  });
});

describe('kFoldSplit properties', () => {
  it('deals the rows left after the test part into k folds of sizes within one', () => {
    const arb = fc
      .integer({ min: 2, max: 8 })
      .chain((k) =>
        fc.tuple(
          fc.constant(k),
          fc.integer({ min: 3 * k, max: 300 }),
          fc.constantFrom(0, 0.1, 0.2),
          fc.nat(),
        ),
      );
    fc.assert(
      fc.property(arb, ([k, count, testFraction, seed]) => {
        const split = kFoldSplit({ count, k, seed, testFraction });
        expect(split.folds).toHaveLength(k);
        const validations = split.folds.map((fold) => fold.validation);
        const rest = sorted(validations.flat());
        expect(sorted([...rest, ...split.test])).toEqual(
          Array.from({ length: count }, (_, i) => i),
        );
        const sizes = validations.map((rows) => rows.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const fold of split.folds) {
          expect(sorted([...fold.train, ...fold.validation])).toEqual(rest);
        }
        expect(kFoldSplit({ count, k, seed, testFraction })).toEqual(split);
      }),
      runs,
    );
  });
});
