import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_BACKPROP } from '../backend/wasm-batch-norm-backprop';

/**
 * Batch normalisation in training as one op with a closed-form gradient: y = x̂·γ + β with
 * x̂ = (x − μ)/√(σ² + ε), μ and σ² (biased) the batch's statistics over every axis but the last,
 * computed by the caller (they also feed the moving averages). TF.js differentiates through
 * `tf.moments` and `tf.batchNorm` op by op (about 25 kernels, tiles and transposed sums); the
 * closed form needs six reductions and element-wise ops:
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/√(σ² + ε) · (dy − dβ/n − x̂·dγ/n),
 * n being the values per channel. The statistics enter as constants, their dependence on x being
 * what the closed form accounts for. On wasm the backward is one kernel of Basin's
 * (wasm-batch-norm-backprop.ts), the same float32 steps in the same order: the same bits.
 */
/** Whether the backend has Basin's one-kernel backward (wasm) and x's channels suit it. */
function fusedBackprop(x: tf.Tensor): boolean {
  const channels = x.shape.at(-1) ?? 0;
  return (
    tf.getKernel(BATCH_NORM_BACKPROP, tf.getBackend()) !== undefined &&
    x.dtype === 'float32' &&
    channels % 4 === 0
  );
}

function batchNormTraining_(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  mean: tf.Tensor,
  variance: tf.Tensor,
  epsilon: number,
): tf.Tensor {
  const axes = x.shape.slice(0, -1).map((_, axis) => axis);
  const count = x.size / (x.shape.at(-1) ?? 1);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, scale, offset] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
    const save = args.at(-1) as tf.GradSaveFunc;
    const y = tf.batchNorm(input, mean, variance, offset, scale, epsilon);
    // The backward pass runs after the forward's intermediates are gone: keep what it reads.
    save([input, mean, variance, scale]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [xs, mu, sigma2, g] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor1D];
      const invStd = tf.rsqrt(tf.add(sigma2, epsilon));
      if (fusedBackprop(xs)) {
        const inputs = { x: xs, dy, mean: mu, invStd, gamma: g };
        return tf.engine().runKernel(BATCH_NORM_BACKPROP, inputs, {}) as tf.Tensor[];
      }
      const normalized = tf.mul(tf.sub(xs, mu), invStd);
      const dBeta = tf.sum(dy, axes);
      const dGamma = tf.sum(tf.mul(dy, normalized), axes);
      const centred = tf.sub(
        dy,
        tf.add(tf.div(dBeta, count), tf.mul(normalized, tf.div(dGamma, count))),
      );
      return [tf.mul(centred, tf.mul(g, invStd)), dGamma, dBeta];
    };
    return { value: y, gradFunc };
  });
  return op(x, gamma, beta);
}

/** Named as a TF.js op, so profiles (and the required-kernels check) see it as one. */
export const batchNormTraining = tf.op({ batchNormTraining_ });
