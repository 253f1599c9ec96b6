import * as tf from '@tensorflow/tfjs';
import type { Loss } from '@shared/experiment/spec';
import { assertNever } from '@shared/contract/envelope';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

/** Keras' clipping of probabilities given to a cross-entropy directly. */
const EPSILON = 1e-7;

/**
 * The mean data loss of a batch. `output` holds logits when the network's trailing softmax/sigmoid
 * is folded into the loss (`folded`), which is the numerically stable form of the same quantity;
 * otherwise it holds what the network outputs. Targets: one-hot rows for categorical
 * cross-entropy, 0/1 columns for binary, values for regression, counts for Poisson (whose output
 * is a log-rate, as PyTorch's PoissonNLLLoss(log_input=True)).
 */
export function dataLoss(
  loss: Loss,
  output: tf.Tensor,
  target: tf.Tensor,
  folded: 'softmax' | 'sigmoid' | null,
): tf.Scalar {
  return tf.tidy(() => {
    switch (loss.kind) {
      case 'categoricalCrossentropy': {
        if (folded === 'softmax') {
          return softmaxCrossEntropy(output as tf.Tensor2D, target as tf.Tensor2D);
        }
        const logProbabilities = tf.log(
          tf.clipByValue(tf.div(output, tf.sum(output, -1, true)), EPSILON, 1 - EPSILON),
        );
        return tf.neg(tf.mean(tf.sum(tf.mul(target, logProbabilities), -1)));
      }
      case 'binaryCrossentropy': {
        if (folded === 'sigmoid') {
          // max(z, 0) − z·y + log(1 + e^−|z|): the stable sigmoid cross-entropy.
          const z = output;
          return tf.mean(
            tf.add(tf.sub(tf.relu(z), tf.mul(z, target)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))),
          );
        }
        const p = tf.clipByValue(output, EPSILON, 1 - EPSILON);
        return tf.neg(
          tf.mean(
            tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p)))),
          ),
        );
      }
      case 'mse':
        return tf.mean(tf.square(tf.sub(output, target)));
      case 'mae':
        return tf.mean(tf.abs(tf.sub(output, target)));
      case 'huber': {
        const error = tf.abs(tf.sub(output, target));
        const quadratic = tf.minimum(error, loss.delta);
        const linear = tf.sub(error, quadratic);
        return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(loss.delta, linear)));
      }
      case 'poisson':
        return tf.mean(tf.sub(tf.exp(output), tf.mul(target, output)));
      default:
        return assertNever(loss, 'loss kind');
    }
  }) as tf.Scalar;
}

/**
 * What metrics and ensembles consume: class probabilities (one column per class; a single
 * positive-class column for a sigmoid output), predicted values, or predicted counts (e^log-rate
 * under a Poisson loss).
 */
export function predictions(
  loss: Loss,
  output: tf.Tensor,
  folded: 'softmax' | 'sigmoid' | null,
): tf.Tensor {
  return tf.tidy(() => {
    if (folded === 'softmax') return tf.softmax(output);
    if (folded === 'sigmoid') return tf.sigmoid(output);
    if (loss.kind === 'poisson') return tf.exp(output);
    return output.clone();
  });
}
