import * as tf from '@tensorflow/tfjs';
import type { TrainingCore } from './forward-steps';
import { weightedTrainingOp } from './weighted-training-op';

type Conv2dCore = Extract<TrainingCore, { kind: 'conv2d' }>;

/**
 * A conv2d layer's training forward pass, y = act(conv(x, W) + b), as one op with its own gradient,
 * like dense-training.ts. TF.js's Conv2D layer trains through three kernels (Conv2D, an Add for the
 * bias, the activation) and its relu gradient through three more (Step, Cast, Multiply); here the
 * forward is one `FusedConv2D` kernel and the backward takes dz = dy · step(y) in one kernel where
 * the backend has it, then dW and db from dz, and dx only when `inputNeedsGradient` (some earlier
 * layer trains). The kernels and sums are the ones TF.js's own conv2d gradient calls.
 */
function conv2dTraining_(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  bias: tf.Tensor1D | null,
  core: Conv2dCore,
  inputNeedsGradient: boolean,
): tf.Tensor4D {
  const convolution = { strides: core.strides, pad: core.padding, dataFormat: 'NHWC' };
  const forward = (input: tf.Tensor4D): tf.Tensor4D => {
    const inputs: tf.NamedTensorMap = { x: input, filter: kernel };
    if (bias !== null) inputs.bias = bias;
    const attrs = { ...convolution, dilations: [1, 1], activation: core.activation };
    return tf
      .engine()
      .runKernel(tf.FusedConv2D, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  };
  const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
    tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
  const { activation } = core;
  return weightedTrainingOp(x, { kernel, bias }, activation, inputNeedsGradient, forward, {
    input: (dz, input) =>
      run(
        tf.Conv2DBackpropInput,
        { dy: dz, filter: kernel },
        { ...convolution, inputShape: input.shape },
      ),
    kernel: (dz, input) =>
      run(
        tf.Conv2DBackpropFilter,
        { x: input, dy: dz },
        { ...convolution, filterShape: kernel.shape },
      ),
  });
}

/** Named as a TF.js op, so profiles (and the required-kernels check) see it as one. */
export const conv2dTraining = tf.op({ conv2dTraining_ });
