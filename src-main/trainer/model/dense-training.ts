import * as tf from '@tensorflow/tfjs';
import type { CoreActivation } from './forward-steps';
import { reluGradient } from './relu-gradient';

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
  const backward = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const [input, y] = saved as [tf.Tensor2D, tf.Tensor2D];
    const dz = activation === 'relu' ? reluGradient(dy, y) : dy;
    return [
      ...(inputNeedsGradient ? [tf.matMul(dz, kernel, false, true)] : []),
      tf.matMul(input, dz, true, false),
      ...(bias === null ? [] : [tf.sum(dz, 0)]),
    ];
  };
  // The tape sees only the op's tensor inputs, so the data enters as one only when its gradient is
  // wanted. The forward's intermediates are disposed before the backward runs (TF.js tidies the
  // forward pass), so input and output are saved; the weights are variables and stay alive.
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.at(-1) as tf.GradSaveFunc;
    const y = forward(x);
    save([x, y]);
    return { value: y, gradFunc: backward };
  });
  const weights = bias === null ? [kernel] : [kernel, bias];
  return (inputNeedsGradient ? op(x, ...weights) : op(...weights)) as tf.Tensor2D;
}

/** Named as a TF.js op, so profiles (and the required-kernels check) see it as one. */
export const denseTraining = tf.op({ denseTraining_ });
