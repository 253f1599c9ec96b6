import { describe, expect, it } from 'vitest';
import { crossEntropyNotes } from './metric-names';

describe('crossEntropyNotes', () => {
  it('tells the two cross-entropies apart where both are listed', () => {
    expect(crossEntropyNotes(['test.loss', 'test.accuracy', 'test.logLoss'])).toEqual({
      'test.loss': 'training objective, Keras: p clipped at 1e-7',
      'test.logLoss': 'scikit-learn log_loss: p clipped at 2.2e-16',
    });
  });

  it('leaves a regression loss alone', () => {
    expect(crossEntropyNotes(['test.loss', 'test.mse'])).toEqual({});
  });
});
