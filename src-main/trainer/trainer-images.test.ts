import { describe, expect, it } from 'vitest';
import { fashionMnistInstalled, writeFashionMnistSubset } from './testing/fashion-mnist-subset';
import { runTrainer } from './testing/trainer-harness';

function spec(layers: unknown[], epochs: number): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'images test',
    data: { source: { kind: 'builtin', dataset: 'fashion-mnist' } },
    split: { kind: 'holdout', train: 0.9, validation: 0.1, test: 0 },
    model: { layers },
    optimization: { optimizer: { kind: 'adam', learningRate: 0.002 } },
    training: { epochs, batchSize: 64, seed: 5 },
  };
}

describe('convolutions on wasm', () => {
  it('train a small conv model, supplying the filter-gradient kernel wasm lacks', async () => {
    const run = await runTrainer({
      spec: {
        schemaVersion: 1,
        name: 'conv on breast cancer',
        data: { source: { kind: 'builtin', dataset: 'breast-cancer' } },
        model: {
          layers: [
            { type: 'reshape', targetShape: [5, 6, 1] },
            { type: 'conv2d', filters: 6, kernelSize: 3, padding: 'same', activation: 'relu' },
            { type: 'maxPool2d' },
            { type: 'flatten' },
            { type: 'dense', units: 1, activation: 'sigmoid' },
          ],
        },
        optimization: { optimizer: { kind: 'adam', learningRate: 0.01 } },
        training: { epochs: 15, batchSize: 32, seed: 2 },
      },
    });
    expect(run.messages[0]).toMatchObject({ type: 'ready', backend: 'wasm' });
    const kernels = run.messages[0]?.type === 'ready' ? run.messages[0].kernels : [];
    expect(kernels.map(({ kernel, resolution }) => ({ kernel, resolution }))).toEqual([
      { kernel: 'BatchMatMul', resolution: 'replaced-kernel' },
      { kernel: '_FusedMatMul', resolution: 'replaced-kernel' },
      { kernel: 'Identity', resolution: 'replaced-kernel' },
      { kernel: 'Sum', resolution: 'replaced-kernel' },
      { kernel: 'Mean', resolution: 'replaced-kernel' },
      { kernel: 'Conv2D', resolution: 'replaced-kernel' },
      { kernel: 'FusedConv2D', resolution: 'replaced-kernel' },
      { kernel: 'Conv2DBackpropInput', resolution: 'replaced-kernel' },
      { kernel: 'MaxPoolGrad', resolution: 'replaced-kernel' },
      { kernel: 'BasinOptimizerStep', resolution: 'registered-js-kernel' },
      { kernel: 'BasinReluBackprop', resolution: 'registered-js-kernel' },
      { kernel: 'BasinBatchNormBackprop', resolution: 'registered-js-kernel' },
      { kernel: 'BasinMaxPoolArgmax', resolution: 'registered-js-kernel' },
      { kernel: 'BasinMaxPoolArgmaxGrad', resolution: 'registered-js-kernel' },
      { kernel: 'Conv2DBackpropFilter', resolution: 'registered-js-kernel' },
    ]);
    expect(run.done.testMetrics['test.accuracy']).toBeGreaterThan(0.9);
  });
});

describe.skipIf(!fashionMnistInstalled)('Fashion-MNIST (a subset of the installed files)', () => {
  const folder = fashionMnistInstalled ? writeFashionMnistSubset(2000, 500) : '';

  it('an MLP with batch norm and dropout learns it well above chance', async () => {
    const layers = [
      { type: 'flatten' },
      { type: 'dense', units: 64, activation: 'relu' },
      { type: 'batchNorm', momentum: 0.9 },
      { type: 'dropout', rate: 0.2 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ];
    const run = await runTrainer({ spec: spec(layers, 4), fashionMnistDir: folder });
    expect(run.done.testMetrics['test.accuracy']).toBeGreaterThan(0.7);
  });

  it('a conv net learns it on wasm too', async () => {
    const layers = [
      { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, activation: 'relu' },
      { type: 'maxPool2d' },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ];
    const run = await runTrainer({ spec: spec(layers, 3), fashionMnistDir: folder });
    expect(run.messages[0]).toMatchObject({ backend: 'wasm' });
    expect(run.done.testMetrics['test.accuracy']).toBeGreaterThan(0.6);
  });
});
