import { describe, expect, it } from 'vitest';
import type { Loss } from '../experiment/optimization';
import fixture from './fixtures/torch-prediction-loss.json';
import { predictionLoss } from './prediction-loss';

describe('the loss of predictions against PyTorch (Keras clipping of probabilities)', () => {
  it.each(fixture.cases)(
    '$loss.kind: $name',
    ({ loss, columns, targets, predictions, expected }) => {
      const result = predictionLoss(loss as Loss, targets, predictions, columns);
      if (!result.defined) throw new Error(result.reason);
      expect(Math.abs(result.value - expected)).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected)),
      );
    },
  );

  it('caps a confidently wrong probability at −log(1e-7) ≈ 16.1 nats', () => {
    const result = predictionLoss({ kind: 'binaryCrossentropy' }, [1], [0], 1);
    expect(result).toEqual({ defined: true, value: -Math.log(1e-7) });
  });

  it('is undefined without samples or for an infinite prediction, and names a shape mismatch', () => {
    expect(predictionLoss({ kind: 'mse' }, [], [], 1)).toEqual({
      defined: false,
      reason: 'there are no samples',
    });
    expect(predictionLoss({ kind: 'mse' }, [1], [Infinity], 1)).toEqual({
      defined: false,
      reason: 'the loss is Infinity',
    });
    expect(() =>
      predictionLoss({ kind: 'categoricalCrossentropy' }, [0, 1], [0.5, 0.5], 2),
    ).toThrow('predictions must hold 2 column(s) for each of the 2 targets, received 2 values');
  });
});
