import { describe, expect, it } from 'vitest';
import fixture from './fixtures/sklearn-metrics.json';
import { binaryLogLoss, logLoss } from './log-loss';
import {
  meanAbsoluteError,
  meanPoissonDeviance,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from './regression';
import type { MetricResult } from './metric-result';

const TOLERANCE = 1e-9;

/** Relative to the size of the value: log loss with clipping reaches ~36 nats per sample. */
function expectMatches(result: MetricResult, expected: number | null | undefined): void {
  expect(expected).not.toBeUndefined();
  if (expected === null || expected === undefined) {
    expect(result.defined).toBe(false);
    return;
  }
  if (!result.defined) throw new Error(`expected a value, got undefined: ${result.reason}`);
  expect(Math.abs(result.value - expected)).toBeLessThanOrEqual(
    TOLERANCE * Math.max(1, Math.abs(expected)),
  );
}

describe('regression metrics against scikit-learn', () => {
  it('covers a constant target and a single sample', () => {
    expect(fixture.regression.map((c) => c.name)).toEqual(
      expect.arrayContaining(['constant target', 'single sample']),
    );
  });

  describe.each(fixture.regression)('$name', ({ yTrue, yPred, expected }) => {
    it('MSE, RMSE, MAE', () => {
      expectMatches(meanSquaredError(yTrue, yPred), expected.meanSquaredError);
      expectMatches(rootMeanSquaredError(yTrue, yPred), expected.rootMeanSquaredError);
      expectMatches(meanAbsoluteError(yTrue, yPred), expected.meanAbsoluteError);
    });

    it('R²', () => {
      expectMatches(r2Score(yTrue, yPred), expected.r2);
    });
  });

  it.each(fixture.poissonDeviance)('mean Poisson deviance: $name', ({ yTrue, yPred, expected }) => {
    expectMatches(meanPoissonDeviance(yTrue, yPred), expected);
  });

  it('calls R² of a constant target undefined even when its mean rounds', () => {
    expect(r2Score([0.1, 0.1, 0.1], [0.1, 0.2, 0.0])).toEqual({
      defined: false,
      reason: 'y_true is constant, so there is no variance for R² to explain',
    });
  });

  it('has no error without samples', () => {
    expect(meanSquaredError([], []).defined).toBe(false);
    expect(meanPoissonDeviance([], []).defined).toBe(false);
  });

  it('calls the Poisson deviance of a rate ≤ 0 undefined, and refuses a negative count', () => {
    expect(meanPoissonDeviance([1, 2, 0], [1, 0, -0.5])).toEqual({
      defined: false,
      reason:
        'Poisson deviance needs predicted rates > 0, but 2 of 3 predictions are ≤ 0 (yPred[1] is 0)',
    });
    expect(() => meanPoissonDeviance([-1], [1])).toThrow(
      'yTrue[0]: a Poisson target must be ≥ 0, received -1',
    );
  });
});

describe('log loss against scikit-learn', () => {
  it('covers clipping and a single-class split', () => {
    expect(fixture.logLoss.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'binary with exact 0 and 1 (clipped)',
        'binary single-class split',
        'multiclass with zeros (clipped, renormalised)',
      ]),
    );
  });

  it.each(fixture.logLoss)('$name', (testCase) => {
    const { yTrue, expected } = testCase;
    const pPositive: number[] | undefined =
      'pPositive' in testCase ? testCase.pPositive : undefined;
    const rows: number[][] | undefined =
      'probabilities' in testCase ? testCase.probabilities : undefined;
    if (pPositive !== undefined) expectMatches(binaryLogLoss(yTrue, pPositive), expected);
    else if (rows !== undefined) expectMatches(logLoss(yTrue, rows), expected);
    else throw new Error('a log-loss case needs pPositive or probabilities');
  });

  it('rejects a probability outside [0, 1]', () => {
    expect(() => binaryLogLoss([1], [1.3])).toThrow(
      'pPositive[0]: must be a probability in [0, 1], received 1.3',
    );
    expect(() => logLoss([0], [[0.5, -0.1]])).toThrow(
      'probabilities[0][1]: must be a probability in [0, 1], received -0.1',
    );
  });

  it('rejects rows of different widths', () => {
    expect(() =>
      logLoss(
        [0, 1],
        [
          [0.5, 0.5],
          [0.2, 0.3, 0.5],
        ],
      ),
    ).toThrow('probabilities[1]: must have 2 columns like row 0, received 3');
  });
});
