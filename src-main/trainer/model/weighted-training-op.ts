import * as tf from '@tensorflow/tfjs';
import type { CoreActivation } from './forward-steps';
import { reluGradient } from './relu-gradient';

/** How a weighted layer's gradients follow from dz, the gradient before its activation. */
export interface WeightedGradients<T extends tf.Tensor> {
  /** The gradient of the layer's input; asked only when an earlier layer trains. */
  input: (dz: tf.Tensor, input: T) => tf.Tensor;
  kernel: (dz: tf.Tensor, input: T) => tf.Tensor;
}

/**
 * A dense or conv2d layer's training forward pass, y = act(forward(x)) with the bias and a relu or
 * linear activation fused into `forward`, as one op with its own gradient (dense-training.ts,
 * conv2d-training.ts): dz = dy·step(y) for relu (one kernel where the backend has Basin's), then
 * the input's gradient only when `inputNeedsGradient`, the kernel's, and the bias's (Σ dz over all
 * axes but the last). The tape sees only the op's tensor inputs, so the data enters as one only when
 * its gradient is wanted. The forward's intermediates are disposed before the backward runs (TF.js
 * tidies the forward pass), so input and output are saved; the weights are variables and stay
 * alive.
 */
export function weightedTrainingOp<T extends tf.Tensor>(
  x: T,
  weights: { kernel: tf.Tensor; bias: tf.Tensor1D | null },
  activation: CoreActivation,
  inputNeedsGradient: boolean,
  forward: (input: T) => T,
  gradients: WeightedGradients<T>,
): T {
  const { kernel, bias } = weights;
  const backward = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const [input, y] = saved as [T, T];
    const dz = activation === 'relu' ? reluGradient(dy, y) : dy;
    const leadingAxes = dz.shape.slice(0, -1).map((_, axis) => axis);
    return [
      ...(inputNeedsGradient ? [gradients.input(dz, input)] : []),
      gradients.kernel(dz, input),
      ...(bias === null ? [] : [tf.sum(dz, leadingAxes)]),
    ];
  };
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.at(-1) as tf.GradSaveFunc;
    const y = forward(x);
    save([x, y]);
    return { value: y, gradFunc: backward };
  });
  const tensors = bias === null ? [kernel] : [kernel, bias];
  return (inputNeedsGradient ? op(x, ...tensors) : op(...tensors)) as T;
}
