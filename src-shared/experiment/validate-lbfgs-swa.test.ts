import { describe, expect, it } from 'vitest';
import { problemAt, problemsOf, withSections } from './testing/spec-problems';

describe('SWA anneal against the epochs', () => {
  const strategy = (value: object, training: object = { epochs: 20 }) =>
    withSections({ training, strategy: value });

  it('warns, with the numbers, when SWA would anneal past the last epoch', () => {
    const problem = problemAt(
      strategy({ swa: { startEpoch: 16, swaLr: 0.001, annealEpochs: 5 } }, { epochs: 20 }),
      'strategy.swa.annealEpochs',
    );
    expect(problem.severity).toBe('warning');
    expect(problem.message).toBe(
      'SWA starts at epoch 16 (0-based) and anneals over 5 epochs, so the SWA rate 0.001 is first used at epoch 21, but the last epoch is 19 (training.epochs is 20): the rate never reaches it. Set annealEpochs ≤ 3 or startEpoch ≤ 14',
    );
    const fits = problemsOf(
      strategy({ swa: { startEpoch: 14, swaLr: 0.001, annealEpochs: 5 } }, { epochs: 20 }),
    );
    expect(fits.map((p) => p.path)).not.toContain('strategy.swa.annealEpochs');
  });
});

describe('L-BFGS', () => {
  const lbfgs = (training: object, model?: object) =>
    withSections({
      optimization: { optimizer: { kind: 'lbfgs' } },
      training,
      ...(model === undefined ? {} : { model }),
    });

  it('needs the full batch, and says why', () => {
    const problem = problemAt(lbfgs({ batchSize: 32 }), 'training.batchSize');
    expect(problem.severity).toBe('error');
    expect(problem.message).toBe(
      'must be "full" with optimizer "lbfgs": L-BFGS\'s line search compares the loss of the same objective at several weights, which a different mini-batch at every evaluation is not',
    );
    expect(problemsOf(lbfgs({ batchSize: 'full' })).filter((p) => p.severity === 'error')).toEqual(
      [],
    );
  });

  it('refuses dropout, batch norm, clipping and gradient noise', () => {
    const model = {
      layers: [
        { type: 'dense', units: 8 },
        { type: 'dropout', rate: 0.2 },
        { type: 'batchNorm' },
        { type: 'dense', units: 1, activation: 'sigmoid' },
      ],
    };
    const paths = problemsOf(
      lbfgs(
        {
          batchSize: 'full',
          gradientClipping: { kind: 'globalNorm', maxNorm: 1 },
          gradientNoise: { eta: 0.01 },
        },
        model,
      ),
    ).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'model.layers[1].type',
        'model.layers[2].type',
        'training.gradientClipping',
        'training.gradientNoise',
      ]),
    );
  });

  it('accepts "full" as a batch size for any optimizer', () => {
    expect(problemsOf(withSections({ training: { batchSize: 'full' } }))).toEqual([]);
    expect(
      problemAt(withSections({ training: { batchSize: 'half' } }), 'training.batchSize').message,
    ).toBe('must be a whole number ≥ 1 or "full"');
  });
});
