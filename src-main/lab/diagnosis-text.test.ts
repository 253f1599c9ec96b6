import { describe, expect, it } from 'vitest';
import { describeDivergence } from './diagnosis-text';

describe('describeDivergence', () => {
  it('says where it blew up, which layer, and what to do', () => {
    expect(
      describeDivergence({
        epoch: 2,
        batch: 6,
        learningRate: 10000,
        cause: 'loss',
        layer: 'l01_dense',
        layerGradientNorm: 123456.7,
        typicalGradientNorm: 1.234,
        hint: 'Lower the learning rate or clip gradients.',
      }),
    ).toBe(
      'The training loss became NaN or infinite at epoch 2, batch 7 (learning rate 10000). The gradient of layer l01_dense exploded first (gradient norm 1.23e+5, typically 1.23). Lower the learning rate or clip gradients.',
    );
  });

  it('leaves out the layer when none can be named', () => {
    expect(
      describeDivergence({
        epoch: 1,
        batch: 0,
        learningRate: 0.1,
        cause: 'validation-loss',
        layer: null,
        layerGradientNorm: null,
        typicalGradientNorm: null,
        hint: 'Check the data for extreme values.',
      }),
    ).toBe(
      'The validation loss became NaN or infinite at epoch 1, batch 1 (learning rate 0.1). Check the data for extreme values.',
    );
  });
});
