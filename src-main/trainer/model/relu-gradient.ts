import * as tf from '@tensorflow/tfjs';
import { RELU_BACKPROP } from '../backend/wasm-relu-backprop';

/**
 * dy · step(y), the gradient through a relu whose output is y: one kernel where the backend has
 * Basin's (wasm), Step and Multiply elsewhere; the same values either way.
 */
export function reluGradient(dy: tf.Tensor, y: tf.Tensor): tf.Tensor {
  if (tf.getKernel(RELU_BACKPROP, tf.getBackend()) === undefined) return tf.mul(dy, tf.step(y));
  return tf.engine().runKernel(RELU_BACKPROP, { dy, y }, {}) as tf.Tensor;
}
