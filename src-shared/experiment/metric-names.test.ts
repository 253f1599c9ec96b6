import { describe, expect, it } from 'vitest';
import { crossEntropyNotes, isSampledOnTrain, trainRankingBasis } from './metric-names';

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

describe('trainRankingBasis', () => {
  it('names the sample and the split it was drawn from, or every row of a smaller split', () => {
    expect(trainRankingBasis(54_000)).toBe(
      'a seeded sample of 10,000 of the 54,000 training rows, the same rows every epoch',
    );
    expect(trainRankingBasis(10_000)).toBe(
      'all 10,000 training rows (the sample takes at most 10,000)',
    );
    expect(trainRankingBasis(120)).toBe('all 120 training rows (the sample takes at most 10,000)');
  });

  it('applies to the training ranking metrics only', () => {
    expect(
      ['train.auc', 'train.averagePrecision', 'val.auc', 'train.accuracy'].map(isSampledOnTrain),
    ).toEqual([true, true, false, false]);
  });
});
