import * as tf from '@tensorflow/tfjs';
import { batchNormTraining } from './batch-norm-training';
import { conv2dTraining } from './conv2d-training';
import { maxPoolTraining } from './max-pool-training';
import { denseTraining } from './dense-training';
import { dropoutTraining } from './dropout-training';
import type { ForwardStep } from './forward-steps';
import type { Network } from './network';

type BatchNormStep = Extract<ForwardStep, { kind: 'batchNorm' }>;

/** A batch's statistics at one batch-norm layer, kept alive for the moving-average update. */
export interface BatchStatistics {
  step: BatchNormStep;
  mean: tf.Tensor;
  /** Biased (population) variance, the one used to normalise. */
  variance: tf.Tensor;
  /** Values per channel that went into the statistics (batch × spatial positions). */
  count: number;
}

function weightOf(layer: tf.layers.Layer, suffix: string): tf.Tensor {
  const weight = layer.weights.find((w) => w.originalName.endsWith(`/${suffix}`));
  if (weight === undefined) throw new Error(`layer ${layer.name} has no ${suffix} weight`);
  return weight.read();
}

export function batchNormWeights(layer: tf.layers.Layer): {
  gamma: tf.Tensor;
  beta: tf.Tensor;
  movingMean: tf.Variable;
  movingVariance: tf.Variable;
} {
  return {
    gamma: weightOf(layer, 'gamma'),
    beta: weightOf(layer, 'beta'),
    movingMean: weightOf(layer, 'moving_mean') as tf.Variable,
    movingVariance: weightOf(layer, 'moving_variance') as tf.Variable,
  };
}

/** Normalises with this batch's own statistics, as a batch-norm layer does in training. */
function normalizeWithBatchStatistics(
  step: BatchNormStep,
  x: tf.Tensor,
): { y: tf.Tensor; stats: BatchStatistics } {
  const axes = x.shape.slice(0, -1).map((_, axis) => axis);
  const { mean, variance } = tf.moments(x, axes);
  const { gamma, beta } = batchNormWeights(step.layer);
  const y = batchNormTraining(
    x,
    gamma as tf.Tensor1D,
    beta as tf.Tensor1D,
    mean,
    variance,
    step.epsilon,
  );
  const count = x.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return { y, stats: { step, mean, variance, count } };
}

type PlainStep = Extract<ForwardStep, { kind: 'plain' }>;

/**
 * A plain layer in training; dense layers on rank-2 input, conv2d layers and (where the backend has
 * Basin's kernels) max-pool layers go through Basin's own ops (`denseTraining`, `conv2dTraining`,
 * `maxPoolTraining`).
 */
function plainTrainingStep(step: PlainStep, h: tf.Tensor, upstreamTrains: boolean): tf.Tensor {
  const core = step.core;
  if (core === null || (core.kind === 'dense' && h.rank !== 2)) {
    return step.layer.apply(h) as tf.Tensor;
  }
  if (core.kind === 'maxPool2d') {
    return maxPoolTraining(h, core) ?? (step.layer.apply(h) as tf.Tensor);
  }
  const bias = step.layer.weights.some((w) => w.originalName.endsWith('/bias'))
    ? (weightOf(step.layer, 'bias') as tf.Tensor1D)
    : null;
  const kernel = weightOf(step.layer, 'kernel');
  return core.kind === 'dense'
    ? denseTraining(h as tf.Tensor2D, kernel as tf.Tensor2D, bias, core.activation, upstreamTrains)
    : conv2dTraining(h as tf.Tensor4D, kernel as tf.Tensor4D, bias, core, upstreamTrains);
}

export interface TrainingPass {
  /** Logits when the network ends in a softmax/sigmoid folded into the loss, else the output. */
  output: tf.Tensor;
  batchStatistics: BatchStatistics[];
}

/**
 * The forward pass of a training step: dropout draws a fresh mask from `nextSeed` (seeds
 * must be non-zero; null turns dropout off), trainable batch-norm layers normalise with batch
 * statistics; frozen ones, like every other layer, run as at inference.
 */
export function trainingPass(
  network: Network,
  x: tf.Tensor,
  nextSeed: (() => number) | null,
): TrainingPass {
  let h = x;
  const batchStatistics: BatchStatistics[] = [];
  // Whether anything before this step trains, so the gradient must flow back through it.
  let upstreamTrains = false;
  for (const step of network.steps) {
    switch (step.kind) {
      case 'plain':
        h = plainTrainingStep(step, h, upstreamTrains);
        upstreamTrains ||= step.layer.trainableWeights.length > 0;
        break;
      case 'dropout':
        h = step.rate > 0 && nextSeed !== null ? dropoutTraining(h, step.rate, nextSeed()) : h;
        break;
      case 'batchNorm':
        if (step.frozen) {
          h = step.layer.apply(h) as tf.Tensor;
        } else {
          const { y, stats } = normalizeWithBatchStatistics(step, h);
          h = y;
          batchStatistics.push(stats);
          upstreamTrains = true;
        }
        break;
      case 'outputActivation':
        return { output: h, batchStatistics };
    }
  }
  return { output: h, batchStatistics };
}

export interface InferencePass {
  output: tf.Tensor;
  /** Post-activation outputs of ReLU layers, by owning spec layer. */
  reluOutputs: { owner: string; values: tf.Tensor }[];
}

/** The forward pass at inference (moving batch-norm statistics, no dropout), stopping before a folded output activation. */
export function inferencePass(network: Network, x: tf.Tensor): InferencePass {
  let h = x;
  const reluOutputs: InferencePass['reluOutputs'] = [];
  for (const step of network.steps) {
    if (step.kind === 'outputActivation') break;
    if (step.kind === 'dropout') continue;
    h = step.layer.apply(h) as tf.Tensor;
    if (step.kind === 'plain' && step.reluOutput)
      reluOutputs.push({ owner: step.owner, values: h });
  }
  return { output: h, reluOutputs };
}

/** The activation folded into the loss, if the network ends with one. */
export function foldedActivation(network: Network): 'softmax' | 'sigmoid' | null {
  const last = network.steps.at(-1);
  return last?.kind === 'outputActivation' ? last.activation : null;
}
