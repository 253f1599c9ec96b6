import { describe, expect, it } from 'vitest';
import fixture from './fixtures/sklearn-metrics.json';
import { averagePrecision, precisionRecallCurve } from './precision-recall-curve';
import { rocAuc, rocAucOneVsRest, rocCurve } from './roc';
import type { MetricResult } from './metric-result';

const TOLERANCE = 1e-9;

function expectAllClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - (expected[i] as number))).toBeLessThanOrEqual(TOLERANCE);
  });
}

/** null in the fixture: scikit-learn has no finite answer, so Basin must say undefined. */
function expectMatches<T>(
  result: MetricResult<T>,
  expected: T | null,
  compare: (actual: T, reference: T) => void,
): void {
  if (expected === null) {
    expect(result.defined).toBe(false);
    return;
  }
  if (!result.defined) throw new Error(`expected a value, got undefined: ${result.reason}`);
  compare(result.value, expected);
}

const closeNumber = (actual: number, reference: number) =>
  expect(Math.abs(actual - reference)).toBeLessThanOrEqual(TOLERANCE);

describe('binary ranking metrics against scikit-learn', () => {
  it('covers ties, dropped collinear points and single-class splits', () => {
    expect(fixture.binaryRanking.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'many ties',
        'collinear points dropped',
        'single-class split (all negative)',
        'single-class split (all positive)',
      ]),
    );
  });

  describe.each(fixture.binaryRanking)('$name', ({ yTrue, scores, expected }) => {
    it('ROC curve with intermediate points dropped, thresholds exact', () => {
      expectMatches(rocCurve(yTrue, scores), expected.rocCurve, (actual, reference) => {
        expectAllClose(actual.fpr, reference.fpr);
        expectAllClose(actual.tpr, reference.tpr);
        expect(actual.thresholds).toEqual(reference.thresholds);
      });
    });

    it('ROC AUC', () => {
      expectMatches(rocAuc(yTrue, scores), expected.rocAuc, closeNumber);
    });

    it('precision-recall curve', () => {
      expectMatches(
        precisionRecallCurve(yTrue, scores),
        expected.precisionRecallCurve,
        (actual, reference) => {
          expectAllClose(actual.precision, reference.precision);
          expectAllClose(actual.recall, reference.recall);
          expect(actual.thresholds).toEqual(reference.thresholds);
        },
      );
    });

    it('average precision', () => {
      expectMatches(averagePrecision(yTrue, scores), expected.averagePrecision, closeNumber);
    });
  });

  it('explains why a single-class split has no AUC', () => {
    expect(rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toEqual({
      defined: false,
      reason: 'only one class present in y_true',
    });
    expect(averagePrecision([0, 0], [0.2, 0.5])).toEqual({
      defined: false,
      reason: 'no positive samples in y_true, so recall is undefined',
    });
  });

  it('rejects scores that are not finite', () => {
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(
      'scores[1]: must be a finite number, received NaN',
    );
  });
});

describe('one-vs-rest macro AUC against scikit-learn', () => {
  it('covers ties and a class absent from yTrue', () => {
    expect(fixture.oneVsRestAuc.map((c) => c.name)).toEqual(
      expect.arrayContaining(['four classes with ties', 'a class absent from y_true']),
    );
  });

  it.each(fixture.oneVsRestAuc)('$name', ({ yTrue, probabilities, expected }) => {
    expectMatches(rocAucOneVsRest(yTrue, probabilities), expected, closeNumber);
  });

  it('names the missing class', () => {
    expect(
      rocAucOneVsRest(
        [0, 0, 1],
        [
          [0.5, 0.3, 0.2],
          [0.6, 0.2, 0.2],
          [0.1, 0.8, 0.1],
        ],
      ),
    ).toEqual({
      defined: false,
      reason: 'class 2 has no samples in y_true, so its one-vs-rest AUC is undefined',
    });
  });

  it('rejects a class index beyond the score columns', () => {
    expect(() =>
      rocAucOneVsRest(
        [0, 3],
        [
          [0.5, 0.5],
          [0.4, 0.6],
        ],
      ),
    ).toThrow('yTrue[1]: the scores have 2 columns, so a class index must be below 2, received 3');
  });
});
