import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  layerSchema,
  lossSchema,
  optimizerSchema,
  type Layer,
  type Loss,
} from '@shared/experiment';
import { foldedActivation } from '../model/forward';
import { buildNetwork } from '../model/network';
import { trainableParameters } from '../model/parameters';
import { Optimizer } from '../optim/optimizer';
import { trainStep } from '../loop/train-step';
import { scoreSplit } from '../evaluate/score-split';
import { provideKernels, requiredKernels } from './required-kernels';
import { selectBackend } from './select-backend';

interface Case {
  name: string;
  input: number[];
  layers: unknown[];
  loss: unknown;
  outputs: number;
}

const softmaxHead = { type: 'dense', units: 3, activation: 'softmax', l1: 0.01, l2: 0.01 };
const cases: Case[] = [
  {
    name: 'dense activations with dropout and batch norm',
    input: [4],
    layers: [
      { type: 'dense', units: 5, activation: 'relu' },
      { type: 'batchNorm' },
      { type: 'dropout', rate: 0.3 },
      { type: 'dense', units: 5, activation: 'leakyRelu' },
      { type: 'dense', units: 5, activation: 'elu' },
      { type: 'dense', units: 5, activation: 'gelu' },
      { type: 'dense', units: 5, activation: 'tanh' },
      { type: 'dense', units: 5, activation: 'sigmoid' },
      { type: 'activation', activation: 'relu' },
      softmaxHead,
    ],
    loss: 'categoricalCrossentropy',
    outputs: 3,
  },
  {
    name: 'conv, pooling, reshape',
    input: [36],
    layers: [
      { type: 'reshape', targetShape: [6, 6, 1] },
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'batchNorm' },
      { type: 'maxPool2d' },
      { type: 'flatten' },
      softmaxHead,
    ],
    loss: 'categoricalCrossentropy',
    outputs: 3,
  },
  {
    name: 'sigmoid output',
    input: [4],
    layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }],
    loss: 'binaryCrossentropy',
    outputs: 1,
  },
  ...['mse', 'mae', 'huber', 'poisson'].map((loss) => ({
    name: `${loss} regression`,
    input: [4],
    layers: [{ type: 'dense', units: 1 }],
    loss,
    outputs: 1,
  })),
];

const optimizers = [
  'sgd',
  'momentum',
  'adagrad',
  { kind: 'rmsprop', momentum: 0.5, centered: true },
  'adam',
  'adamw',
];

/** Every kernel one training step and one scoring pass call, recorded by tf.profile. */
async function profiledKernels(c: Case, layers: Layer[], loss: Loss): Promise<Set<string>> {
  const network = buildNetwork(layers, c.input);
  const parameters = trainableParameters(network, layers);
  const folded = foldedActivation(network);
  const n = 4;
  const x = tf.randomUniform([n, ...c.input], -1, 1, 'float32', 7);
  const y = c.outputs === 3 ? tf.oneHot([0, 1, 2, 0], 3).toFloat() : tf.ones([n, 1]);
  const kernels = new Set<string>();
  for (const [index, kind] of optimizers.entries()) {
    const config = optimizerSchema.parse(typeof kind === 'string' ? { kind } : kind);
    const optimizer = new Optimizer(
      config,
      parameters.map((p) => p.variable),
    );
    const clipping =
      index % 2 === 0
        ? { kind: 'globalNorm' as const, maxNorm: 1 }
        : { kind: 'value' as const, maxValue: 1 };
    const info = await tf.profile(async () => {
      const setup = {
        network,
        parameters,
        optimizer,
        loss,
        folded,
        clipping,
        noise: { eta: 0.1, gamma: 0.55 },
      };
      await trainStep(setup, x, y, 0.01, 0, { dropout: () => 1, noise: () => 2 });
      const part = {
        count: n,
        x: x.dataSync() as Float32Array,
        y: new Float32Array([0, 1, 2, 0]),
        rows: [],
      };
      const layout =
        c.outputs === 3 ? { kind: 'oneHot' as const, classes: 3 } : { kind: 'column' as const };
      await scoreSplit(
        { network, loss, folded, inputShape: c.input, layout, columns: c.outputs },
        part as never,
        true,
      );
    });
    for (const name of info.kernelNames) if (!name.endsWith('__op')) kernels.add(name);
    optimizer.dispose();
  }
  return kernels;
}

describe('requiredKernels', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    'covers every kernel a training step uses: %s',
    async (_name, c) => {
      await selectBackend({ forced: 'cpu', cudaVisibleDevices: undefined });
      const layers = c.layers.map((layer) => layerSchema.parse(layer));
      const loss = lossSchema.parse(c.loss);
      if (loss === 'auto') throw new Error('test cases name their loss');
      const used = await profiledKernels(c, layers, loss);
      const listed = new Set(requiredKernels(layers));
      expect([...used].filter((kernel) => !listed.has(kernel))).toEqual([]);
    },
  );

  it('lets every layer type train on wasm, supplying Conv2DBackpropFilter, the fused optimizer step and its own relu, batch-norm and max-pool kernels', async () => {
    await selectBackend({ forced: 'wasm', cudaVisibleDevices: undefined });
    const layers = [...cases[0]!.layers, ...cases[1]!.layers].map((layer) =>
      layerSchema.parse(layer),
    );
    const { registered, missing } = provideKernels(layers, 'wasm');
    expect(missing).toEqual([]);
    expect(
      registered.filter((r) => r.resolution === 'registered-js-kernel').map((r) => r.kernel),
    ).toEqual([
      'BasinOptimizerStep',
      'BasinReluBackprop',
      'BasinBatchNormBackprop',
      'BasinMaxPoolArgmax',
      'BasinMaxPoolArgmaxGrad',
      'Conv2DBackpropFilter',
    ]);
    expect(provideKernels(layers, 'wasm')).toEqual({ registered: [], missing: [] });
    tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
    tf.unregisterKernel('BasinOptimizerStep', 'wasm');
    for (const kernel of [
      'BasinReluBackprop',
      'BasinBatchNormBackprop',
      'BasinMaxPoolArgmax',
      'BasinMaxPoolArgmaxGrad',
    ]) {
      tf.unregisterKernel(kernel, 'wasm');
    }
  });
});
