import * as tf from '@tensorflow/tfjs';
import type { Activation, Layer } from '@shared/experiment/spec';
import { assertNever } from '@shared/contract/envelope';

/**
 * What the custom training loop needs to know about each TF.js layer of the network: dropout and
 * batch norm behave differently in training, ReLU outputs are watched for dead units, and a
 * trailing softmax/sigmoid is folded into the loss so cross-entropies are computed from logits.
 */
/** The activation a dense or conv2d layer's own training op applies (dense-training.ts, conv2d-training.ts). */
export type CoreActivation = 'linear' | 'relu';

/** How a dense, conv2d or max-pool layer trains through Basin's own op; other layers have none. */
export type TrainingCore =
  | { kind: 'dense'; activation: CoreActivation }
  | {
      kind: 'conv2d';
      activation: CoreActivation;
      strides: [number, number];
      padding: 'same' | 'valid';
    }
  | {
      kind: 'maxPool2d';
      poolSize: [number, number];
      strides: [number, number];
      padding: 'same' | 'valid';
    };

export type ForwardStep =
  | {
      kind: 'plain';
      layer: tf.layers.Layer;
      owner: string;
      reluOutput: boolean;
      core: TrainingCore | null;
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

/** A layer the loop just calls: no training-time behaviour, no activation of its own. */
export function plainStep(layer: tf.layers.Layer, owner: string): ForwardStep {
  return { kind: 'plain', layer, owner, reluOutput: false, core: null };
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

export function activationStep(
  activation: Activation,
  name: string,
  owner: string,
  isLast: boolean,
): ForwardStep {
  const layer = activationLayer(activation, name);
  if (isLast && (activation.kind === 'softmax' || activation.kind === 'sigmoid')) {
    return { kind: 'outputActivation', layer, owner, activation: activation.kind };
  }
  return { kind: 'plain', layer, owner, reluOutput: activation.kind === 'relu', core: null };
}

/** The settings TF.js's dense and conv2d layers share, with their weights left for initialize.ts. */
export type WeightedLayerArgs = {
  name: string;
  activation: BuiltinActivation;
  useBias: boolean;
  kernelInitializer: 'zeros';
  biasInitializer: 'zeros';
  trainable: boolean;
};

function trainingCore(
  layer: Extract<Layer, { type: 'dense' | 'conv2d' }>,
  activation: CoreActivation,
): TrainingCore {
  return layer.type === 'dense'
    ? { kind: 'dense', activation }
    : { kind: 'conv2d', activation, strides: layer.strides, padding: layer.padding };
}

/**
 * The steps of a dense or conv2d layer: the weighted layer with its activation fused where it can
 * be, and the activation as a step of its own where it cannot.
 */
export function weightedSteps(
  layer: Extract<Layer, { type: 'dense' | 'conv2d' }>,
  name: string,
  isLast: boolean,
  build: (args: WeightedLayerArgs) => tf.layers.Layer,
): ForwardStep[] {
  const { fused, separate } = splitActivation(layer.activation, isLast);
  const core: ForwardStep = {
    kind: 'plain',
    layer: build({
      name,
      activation: builtinActivation(fused) ?? 'linear',
      useBias: layer.useBias,
      kernelInitializer: 'zeros',
      biasInitializer: 'zeros',
      trainable: !layer.frozen,
    }),
    owner: name,
    reluOutput: fused.kind === 'relu',
    core: fused.kind === 'linear' || fused.kind === 'relu' ? trainingCore(layer, fused.kind) : null,
  };
  return separate === null
    ? [core]
    : [core, activationStep(separate, `${name}_activation`, name, isLast)];
}
