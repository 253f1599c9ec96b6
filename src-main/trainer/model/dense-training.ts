import * as tf from '@tensorflow/tfjs';
import type { CoreActivation } from './forward-steps';
import { weightedTrainingOp } from './weighted-training-op';

/**
 * A dense layer's training forward pass, y = act(x·W + b), as one op with its own gradient. TF.js's
 * Dense layer fuses matmul, bias and activation only when the activation is linear, and the fused
 * op's gradient then computes every input's gradient, including dx of the first layer, whose input
 * is the data: the largest matmul of the benchmark MLP's backward pass, thrown away. Here the
 * forward is one `_FusedMatMul` kernel whatever the activation, and the backward computes dx only
 * when `inputNeedsGradient` (some earlier layer trains). Same products and sums as the layer's own
 * path: dW = xᵀ·dz, db = Σ dz over the batch, dx = dz·Wᵀ, with dz = dy where the output is positive
 * (relu) or dy (linear).
 */
function denseTraining_(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | null,
  activation: CoreActivation,
  inputNeedsGradient: boolean,
): tf.Tensor2D {
  const rows = x.shape[0];
  const units = kernel.shape[1];
  const forward = (input: tf.Tensor2D): tf.Tensor2D => {
    const inputs: tf.NamedTensorMap = {
      a: tf.reshape(input, [1, ...input.shape]),
      b: tf.reshape(kernel, [1, ...kernel.shape]),
    };
    if (bias !== null) inputs.bias = bias;
    const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 };
    const y = tf
      .engine()
      .runKernel(tf._FusedMatMul, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    return tf.reshape(y, [rows, units]);
  };
  return weightedTrainingOp(x, { kernel, bias }, activation, inputNeedsGradient, forward, {
    input: (dz) => tf.matMul(dz, kernel, false, true),
    kernel: (dz, input) => tf.matMul(input, dz, true, false),
  });
}

/** Named as a TF.js op, so profiles (and the required-kernels check) see it as one. */
export const denseTraining = tf.op({ denseTraining_ });
