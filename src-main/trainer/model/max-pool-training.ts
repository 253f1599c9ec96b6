import * as tf from '@tensorflow/tfjs';
import {
  MAX_POOL_ARGMAX,
  MAX_POOL_ARGMAX_GRAD,
  argmaxPoolFits,
} from '../backend/wasm-max-pool-argmax';
import type { TrainingCore } from './forward-steps';

type MaxPoolCore = Extract<TrainingCore, { kind: 'maxPool2d' }>;

/**
 * A max-pool layer's training forward pass through Basin's kernels where the backend has them
 * (wasm-max-pool-argmax.ts): the forward keeps each window's maximum position, and the backward
 * routes the gradient by it instead of scanning the input a second time. Null where the kernels are
 * missing or do not take this pooling (the caller then applies TF.js's layer). The gradient is the
 * one TF.js's MaxPoolGrad gives (each window's first maximum).
 */
export function maxPoolTraining(x: tf.Tensor, core: MaxPoolCore): tf.Tensor | null {
  const backend = tf.getBackend();
  const available =
    tf.getKernel(MAX_POOL_ARGMAX, backend) !== undefined &&
    tf.getKernel(MAX_POOL_ARGMAX_GRAD, backend) !== undefined;
  if (!available || x.dtype !== 'float32') return null;
  if (!argmaxPoolFits(x.shape, core.poolSize, core.strides, core.padding)) return null;
  const attrs = { filterSize: core.poolSize } as unknown as tf.NamedAttrMap;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const [y, positions] = tf
      .engine()
      .runKernel(MAX_POOL_ARGMAX, { x: input }, attrs) as tf.Tensor[];
    save([positions as tf.Tensor]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.engine().runKernel(MAX_POOL_ARGMAX_GRAD, { dy, positions: saved[0] as tf.Tensor }, {
        inputShape: input.shape,
        filterSize: core.poolSize,
      } as unknown as tf.NamedAttrMap) as tf.Tensor,
    ];
    return { value: y as tf.Tensor, gradFunc };
  });
  return op(x);
}
