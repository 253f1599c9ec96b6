import * as tf from '@tensorflow/tfjs';
import type { Activation, Layer } from '@shared/experiment/spec';
import { assertNever } from '@shared/contract/envelope';

/**
 * The spec's layer stack as a TF.js Sequential model (so checkpoints are plain layers-format files)
 * plus what the custom training loop needs to know about each TF.js layer: dropout and batch norm
 * behave differently in training, ReLU outputs are watched for dead units, and a trailing
 * softmax/sigmoid is folded into the loss so cross-entropies are computed from logits.
 */

/** The activation of a dense layer that trains through `denseTraining`; other layers have none. */
export type DenseActivation = 'linear' | 'relu';

export type ForwardStep =
  | {
      kind: 'plain';
      layer: tf.layers.Layer;
      owner: string;
      reluOutput: boolean;
      dense: DenseActivation | null;
    }
  | { kind: 'dropout'; layer: tf.layers.Layer; owner: string; rate: number }
  | {
      kind: 'batchNorm';
      layer: tf.layers.Layer;
      owner: string;
      frozen: boolean;
      momentum: number;
      epsilon: number;
    }
  | {
      kind: 'outputActivation';
      layer: tf.layers.Layer;
      owner: string;
      activation: 'softmax' | 'sigmoid';
    };

export interface Network {
  model: tf.Sequential;
  steps: ForwardStep[];
  /** One name per spec layer, `l<index>_<type>`, the prefix of its weights' names. */
  layerNames: string[];
}

function layerName(index: number, layer: Layer): string {
  return `l${String(index).padStart(2, '0')}_${layer.type}`;
}

type BuiltinActivation = 'relu' | 'gelu' | 'sigmoid' | 'tanh' | 'softmax' | 'linear' | 'elu';

/** An activation TF.js layers know by name, or null when it needs a layer of its own. */
function builtinActivation(activation: Activation): BuiltinActivation | null {
  switch (activation.kind) {
    case 'relu':
    case 'gelu':
    case 'sigmoid':
    case 'tanh':
    case 'softmax':
    case 'linear':
      return activation.kind;
    case 'elu':
      return activation.alpha === 1 ? 'elu' : null;
    case 'leakyRelu':
      return null;
    default:
      return assertNever(activation, 'activation kind');
  }
}

function activationLayer(activation: Activation, name: string): tf.layers.Layer {
  switch (activation.kind) {
    case 'leakyRelu':
      return tf.layers.leakyReLU({ alpha: activation.alpha, name });
    case 'elu':
      // TF.js's ELU layer cannot hold another alpha, so a checkpoint could not be loaded again.
      throw new Error(
        `activation elu with alpha ${activation.alpha}: TF.js layers support only alpha 1; use alpha 1, or leakyRelu`,
      );
    default: {
      const builtin = builtinActivation(activation);
      if (builtin === null) throw new Error(`activation ${activation.kind} has no TF.js layer`);
      return tf.layers.activation({ activation: builtin, name });
    }
  }
}

/**
 * A weighted layer's activation stays fused (TF.js fuses matmul, bias and activation) unless it has
 * no builtin name or it is the model's trailing softmax/sigmoid, which becomes its own layer.
 */
function splitActivation(
  activation: Activation,
  isLast: boolean,
): { fused: Activation; separate: Activation | null } {
  const trailingProbability =
    isLast && (activation.kind === 'softmax' || activation.kind === 'sigmoid');
  if (trailingProbability || builtinActivation(activation) === null) {
    return { fused: { kind: 'linear' }, separate: activation };
  }
  return { fused: activation, separate: null };
}

function weightedLayer(
  layer: Extract<Layer, { type: 'dense' | 'conv2d' }>,
  name: string,
  activation: Activation,
): tf.layers.Layer {
  const common = {
    name,
    activation: builtinActivation(activation) ?? 'linear',
    useBias: layer.useBias,
    kernelInitializer: 'zeros',
    biasInitializer: 'zeros',
    trainable: !layer.frozen,
  } as const;
  if (layer.type === 'dense') return tf.layers.dense({ ...common, units: layer.units });
  return tf.layers.conv2d({
    ...common,
    filters: layer.filters,
    kernelSize: layer.kernelSize,
    strides: layer.strides,
    padding: layer.padding,
    dataFormat: 'channelsLast',
  });
}

function stepsFor(layer: Layer, name: string, isLast: boolean): ForwardStep[] {
  switch (layer.type) {
    case 'dense':
    case 'conv2d': {
      const { fused, separate } = splitActivation(layer.activation, isLast);
      const core: ForwardStep = {
        kind: 'plain',
        layer: weightedLayer(layer, name, fused),
        owner: name,
        reluOutput: fused.kind === 'relu',
        dense:
          layer.type === 'dense' && (fused.kind === 'linear' || fused.kind === 'relu')
            ? fused.kind
            : null,
      };
      return separate === null
        ? [core]
        : [core, activationStep(separate, `${name}_activation`, name, isLast)];
    }
    case 'activation':
      return [activationStep(layer.activation, name, name, isLast)];
    case 'maxPool2d':
      return [
        {
          kind: 'plain',
          layer: tf.layers.maxPooling2d({
            name,
            poolSize: layer.poolSize,
            strides: layer.strides,
            padding: layer.padding,
          }),
          owner: name,
          reluOutput: false,
          dense: null,
        },
      ];
    case 'flatten':
      return [
        {
          kind: 'plain',
          layer: tf.layers.flatten({ name }),
          owner: name,
          reluOutput: false,
          dense: null,
        },
      ];
    case 'reshape':
      return [
        {
          kind: 'plain',
          layer: tf.layers.reshape({ name, targetShape: layer.targetShape }),
          owner: name,
          reluOutput: false,
          dense: null,
        },
      ];
    case 'dropout':
      return [
        {
          kind: 'dropout',
          layer: tf.layers.dropout({ name, rate: layer.rate }),
          owner: name,
          rate: layer.rate,
        },
      ];
    case 'batchNorm':
      return [
        {
          kind: 'batchNorm',
          layer: tf.layers.batchNormalization({
            name,
            axis: -1,
            momentum: layer.momentum,
            epsilon: layer.epsilon,
            trainable: !layer.frozen,
          }),
          owner: name,
          frozen: layer.frozen,
          momentum: layer.momentum,
          epsilon: layer.epsilon,
        },
      ];
    default:
      return assertNever(layer, 'layer type');
  }
}

function activationStep(
  activation: Activation,
  name: string,
  owner: string,
  isLast: boolean,
): ForwardStep {
  const layer = activationLayer(activation, name);
  if (isLast && (activation.kind === 'softmax' || activation.kind === 'sigmoid')) {
    return { kind: 'outputActivation', layer, owner, activation: activation.kind };
  }
  return { kind: 'plain', layer, owner, reluOutput: activation.kind === 'relu', dense: null };
}

export function buildNetwork(layers: readonly Layer[], inputShape: readonly number[]): Network {
  const model = tf.sequential({ name: 'basin' });
  model.add(tf.layers.inputLayer({ inputShape: [...inputShape], name: 'input' }));
  const steps: ForwardStep[] = [];
  const layerNames: string[] = [];
  layers.forEach((layer, index) => {
    const name = layerName(index, layer);
    layerNames.push(name);
    for (const step of stepsFor(layer, name, index === layers.length - 1)) {
      model.add(step.layer);
      steps.push(step);
    }
  });
  return { model, steps, layerNames };
}
