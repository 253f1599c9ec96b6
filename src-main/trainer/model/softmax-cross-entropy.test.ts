import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { randomValues, seededRandom, useBackend } from '../testing/backend-agreement';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

/** TF.js's own composition, which the fused op replaces. */
const opByOp = (z: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar =>
  tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(z)), -1))) as tf.Scalar;

function valueAndGradient(
  loss: (z: tf.Tensor2D, y: tf.Tensor2D) => tf.Scalar,
  logits: Float32Array,
  targets: Float32Array,
  shape: [number, number],
): number[][] {
  return tf.tidy(() => {
    const z = tf.tensor2d(logits, shape);
    const y = tf.tensor2d(targets, shape);
    // dy ≠ 1, as when a penalty or a scaled loss sits above it on the tape.
    const { value, grad } = tf.valueAndGrad((input: tf.Tensor2D) => loss(input, y))(
      z,
      tf.scalar(0.75),
    );
    return [Array.from(value.dataSync()), Array.from(grad.dataSync())];
  });
}

describe('softmax cross-entropy as one op', () => {
  it('gives the value and gradient of the op-by-op path, bit for bit, on cpu and wasm', async () => {
    const random = seededRandom(7);
    const cases: { shape: [number, number]; soft: boolean }[] = [
      { shape: [6, 10], soft: false },
      { shape: [128, 10], soft: false },
      { shape: [5, 3], soft: true },
    ];
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      for (const { shape, soft } of cases) {
        const [rows, classes] = shape;
        const logits = randomValues(random, shape).map((v) => 8 * v);
        const targets = new Float32Array(rows * classes);
        for (let r = 0; r < rows; r++) {
          if (soft) for (let c = 0; c < classes; c++) targets[r * classes + c] = 1 / classes;
          else targets[r * classes + ((r * 7) % classes)] = 1;
        }
        expect(valueAndGradient(softmaxCrossEntropy, logits, targets, shape)).toEqual(
          valueAndGradient(opByOp, logits, targets, shape),
        );
      }
    }
  });
});
