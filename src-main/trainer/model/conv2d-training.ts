import * as tf from '@tensorflow/tfjs';
import type { TrainingCore } from './forward-steps';
import { reluGradient } from './relu-gradient';

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
  const backward = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const [input, y] = saved as [tf.Tensor4D, tf.Tensor4D];
    const dz = core.activation === 'relu' ? reluGradient(dy, y) : dy;
    const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
      tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
    return [
      ...(inputNeedsGradient
        ? [
            run(
              tf.Conv2DBackpropInput,
              { dy: dz, filter: kernel },
              { ...convolution, inputShape: input.shape },
            ),
          ]
        : []),
      run(
        tf.Conv2DBackpropFilter,
        { x: input, dy: dz },
        { ...convolution, filterShape: kernel.shape },
      ),
      ...(bias === null ? [] : [tf.sum(dz, [0, 1, 2])]),
    ];
  };
  // As in dense-training.ts: the data enters the tape only when its gradient is wanted, and the
  // input and output are saved for the backward pass.
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.at(-1) as tf.GradSaveFunc;
    const y = forward(x);
    save([x, y]);
    return { value: y, gradFunc: backward };
  });
  const weights = bias === null ? [kernel] : [kernel, bias];
  return (inputNeedsGradient ? op(x, ...weights) : op(...weights)) as tf.Tensor4D;
}

/** Named as a TF.js op, so profiles (and the required-kernels check) see it as one. */
export const conv2dTraining = tf.op({ conv2dTraining_ });
