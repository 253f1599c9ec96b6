import * as tf from '@tensorflow/tfjs';
import { assertNever } from '@shared/contract/envelope';
import type { LayerOf } from '@shared/experiment/layer-kinds';
import type { Activation, Layer, LayerType } from '@shared/experiment/spec';
import { activationStep, plainStep, weightedSteps, type ForwardStep } from './forward-steps';

/**
 * The trainer's part of a layer type: how TF.js computes it and which kernels that calls. The rest
 * of what Basin decides per type is `@shared/experiment/layer-kinds`; both are typed over every
 * `LayerType`, so a new type fails to compile until it has an entry here too.
 */
export interface TfjsLayerKind<T extends LayerType> {
  /** The TF.js layers of one spec layer, in order; `name` prefixes their weights' names. */
  steps(layer: LayerOf<T>, name: string, isLast: boolean): ForwardStep[];
  /** The kernels its forward and backward passes call (checked by required-kernels.test.ts). */
  kernels(layer: LayerOf<T>): string[];
}

function activationKernels(activation: Activation): string[] {
  switch (activation.kind) {
    case 'relu':
      return ['Relu', 'Step'];
    case 'leakyRelu':
      return ['LeakyRelu', 'Greater', 'Select'];
    case 'elu':
      return ['Elu', 'EluGrad'];
    case 'gelu':
      return ['Erf'];
    case 'sigmoid':
      return ['Sigmoid'];
    case 'tanh':
      return ['Tanh'];
    case 'softmax':
      return ['Softmax'];
    case 'linear':
      return [];
    default:
      return assertNever(activation, 'activation kind');
  }
}

export const TFJS_LAYER_KINDS: { [T in LayerType]: TfjsLayerKind<T> } = {
  dense: {
    steps: (layer, name, isLast) =>
      weightedSteps(layer, name, isLast, (args) =>
        tf.layers.dense({ ...args, units: layer.units }),
      ),
    kernels: (layer) => ['_FusedMatMul', 'BatchMatMul', ...activationKernels(layer.activation)],
  },
  conv2d: {
    steps: (layer, name, isLast) =>
      weightedSteps(layer, name, isLast, (args) =>
        tf.layers.conv2d({
          ...args,
          filters: layer.filters,
          kernelSize: layer.kernelSize,
          strides: layer.strides,
          padding: layer.padding,
          dataFormat: 'channelsLast',
        }),
      ),
    kernels: (layer) => [
      'FusedConv2D',
      'Conv2D',
      'Conv2DBackpropInput',
      'Conv2DBackpropFilter',
      ...activationKernels(layer.activation),
    ],
  },
  maxPool2d: {
    steps: ({ poolSize, strides, padding }, name) => [
      {
        ...plainStep(tf.layers.maxPooling2d({ name, poolSize, strides, padding }), name),
        core: { kind: 'maxPool2d', poolSize, strides, padding },
      },
    ],
    kernels: () => ['MaxPool', 'MaxPoolGrad'],
  },
  flatten: {
    steps: (_layer, name) => [plainStep(tf.layers.flatten({ name }), name)],
    kernels: () => ['Reshape'],
  },
  reshape: {
    steps: ({ targetShape }, name) => [plainStep(tf.layers.reshape({ name, targetShape }), name)],
    kernels: () => ['Reshape'],
  },
  dropout: {
    steps: ({ rate }, name) => [
      { kind: 'dropout', layer: tf.layers.dropout({ name, rate }), owner: name, rate },
    ],
    kernels: () => [], // one Multiply by a mask drawn in JS (dropout-training.ts)
  },
  batchNorm: {
    steps: ({ momentum, epsilon, frozen }, name) => [
      {
        kind: 'batchNorm',
        layer: tf.layers.batchNormalization({
          name,
          axis: -1,
          momentum,
          epsilon,
          trainable: !frozen,
        }),
        owner: name,
        frozen,
        momentum,
        epsilon,
      },
    ],
    kernels: () => ['FusedBatchNorm', 'Rsqrt', 'Tile'],
  },
  activation: {
    steps: (layer, name, isLast) => [activationStep(layer.activation, name, name, isLast)],
    kernels: (layer) => activationKernels(layer.activation),
  },
};

/** The entry for a layer's own type (see `layerKind` in the shared table for why the cast). */
export function tfjsLayerKind(layer: Layer): TfjsLayerKind<LayerType> {
  return TFJS_LAYER_KINDS[layer.type] as TfjsLayerKind<LayerType>;
}
