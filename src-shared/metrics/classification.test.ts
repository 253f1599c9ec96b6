import { describe, expect, it } from 'vitest';
import fixture from './fixtures/sklearn-metrics.json';
import { accuracy } from './accuracy';
import { confusionMatrix } from './confusion-matrix';
import {
  perClassPrecisionRecallF1,
  precisionRecallF1,
  type Average,
  type ZeroDivision,
} from './precision-recall-f1';

const TOLERANCE = 1e-9;

function expectClose(actual: number, expected: number | undefined): void {
  expect(expected).toBeTypeOf('number');
  expect(Math.abs(actual - (expected as number))).toBeLessThanOrEqual(TOLERANCE);
}

function valueOf<T>(result: { defined: true; value: T } | { defined: false; reason: string }): T {
  if (!result.defined) throw new Error(`expected a value, got undefined: ${result.reason}`);
  return result.value;
}

describe('classification metrics against scikit-learn', () => {
  it('covers a class never predicted, a single-class split and an all-negative binary split', () => {
    const names = fixture.classification.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'class never predicted',
        'single-class split',
        'binary all negative',
      ]),
    );
  });

  describe.each(fixture.classification)('$name', (testCase) => {
    const { yTrue, yPred, expected } = testCase;
    const labels = 'labels' in testCase ? testCase.labels : undefined;

    it('accuracy', () => {
      expectClose(valueOf(accuracy(yTrue, yPred)), expected.accuracy);
    });

    it('confusion matrix', () => {
      const matrix = confusionMatrix(yTrue, yPred, { labels });
      if (expected.confusionMatrix === null) {
        // scikit-learn refuses when no listed label occurs in yTrue; Basin reports empty rows.
        expect(matrix.counts.flat().every((count) => count === 0)).toBe(true);
      } else {
        expect(matrix).toEqual(expected.confusionMatrix);
      }
    });

    it.each([0, 1] as const)('per-class precision, recall, F1, support (zeroDivision %i)', (zd) => {
      const reference = expected.perClass[`zeroDivision${zd}`];
      const scores = perClassPrecisionRecallF1(yTrue, yPred, { zeroDivision: zd, labels });
      expect(scores.map((s) => s.support)).toEqual(reference.support);
      scores.forEach((s, i) => {
        expectClose(s.precision, reference.precision[i]);
        expectClose(s.recall, reference.recall[i]);
        expectClose(s.f1, reference.f1[i]);
      });
      expect(scores).toHaveLength(reference.precision.length);
    });

    it.each([0, 1] as const)('averaged precision, recall, F1 (zeroDivision %i)', (zd) => {
      const references: Partial<
        Record<Average, { precision: number; recall: number; f1: number }>
      > = expected.averaged[`zeroDivision${zd}`];
      const averages = Object.keys(references) as Average[];
      expect(averages).toEqual(expect.arrayContaining(['macro', 'micro', 'weighted']));
      for (const average of averages) {
        const reference = references[average];
        const scores = valueOf(
          precisionRecallF1(yTrue, yPred, { average, zeroDivision: zd as ZeroDivision, labels }),
        );
        expectClose(scores.precision, reference?.precision);
        expectClose(scores.recall, reference?.recall);
        expectClose(scores.f1, reference?.f1);
      }
    });
  });
});

describe('zero division is reported, not warned', () => {
  it('flags the precision of a class that is never predicted', () => {
    const scores = perClassPrecisionRecallF1([0, 1, 2, 2], [0, 1, 1, 0]);
    expect(scores.map((s) => s.precisionWasZeroDivision)).toEqual([false, false, true]);
    expect(scores.map((s) => s.recallWasZeroDivision)).toEqual([false, false, false]);
    const macro = valueOf(precisionRecallF1([0, 1, 2, 2], [0, 1, 1, 0], { average: 'macro' }));
    expect(macro.precisionZeroDivision).toBe(true);
    expect(macro.recallZeroDivision).toBe(false);
  });

  it('flags the recall of a class absent from yTrue', () => {
    const scores = perClassPrecisionRecallF1([0, 0, 1], [0, 2, 1]);
    expect(scores.map((s) => s.recallWasZeroDivision)).toEqual([false, false, true]);
  });

  it('scores 0/0 as the zeroDivision argument', () => {
    const asZero = valueOf(precisionRecallF1([0, 0], [0, 0], { average: 'binary' }));
    const asOne = valueOf(
      precisionRecallF1([0, 0], [0, 0], { average: 'binary', zeroDivision: 1 }),
    );
    expect([asZero.precision, asZero.recall, asZero.f1]).toEqual([0, 0, 0]);
    expect([asOne.precision, asOne.recall, asOne.f1]).toEqual([1, 1, 1]);
  });
});

describe('undefined and invalid input', () => {
  it('has no accuracy or averaged scores without samples', () => {
    expect(accuracy([], [])).toEqual({ defined: false, reason: 'there are no samples' });
    expect(precisionRecallF1([], [], { average: 'macro' }).defined).toBe(false);
    expect(confusionMatrix([], [])).toEqual({ labels: [], counts: [] });
  });

  it('names the argument and entry of a bad class index', () => {
    expect(() => accuracy([0, 1], [0, 1.5])).toThrow(
      'yPred[1]: must be a class index (a whole number ≥ 0), received 1.5',
    );
    expect(() => accuracy([0, 1], [0])).toThrow(
      'yTrue and yPred must have the same length, received 2 and 1',
    );
  });

  it('refuses a third class for the binary average', () => {
    expect(() => precisionRecallF1([0, 2], [0, 1], { average: 'binary' })).toThrow(
      'yTrue[1]: must be 0 or 1 for a binary metric, received 2',
    );
  });

  it('refuses repeated labels', () => {
    expect(() => confusionMatrix([0], [0], { labels: [0, 0] })).toThrow('labels: must not repeat');
  });
});
