import type { Loss } from '../experiment/optimization';
import { defined, NO_SAMPLES, undefinedBecause, type MetricResult } from './metric-result';

/**
 * Keras' clipping of probabilities handed to a cross-entropy (and of Poisson rates before their
 * log). It is also the honest floor for float32 probabilities: next to 1 they step by 6·10⁻⁸, so
 * a smaller 1 − p cannot be told from 0.
 */
export const PROBABILITY_CLIP = 1e-7;

function clip(probability: number): number {
  return Math.min(Math.max(probability, PROBABILITY_CLIP), 1 - PROBABILITY_CLIP);
}

function rowTerm(
  loss: Loss,
  target: number,
  row: ArrayLike<number>,
  offset: number,
  columns: number,
): number {
  switch (loss.kind) {
    case 'binaryCrossentropy': {
      const p = clip(row[offset] as number);
      return -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
    }
    case 'categoricalCrossentropy': {
      // Keras normalises the row to sum 1 before clipping; the target is a class index.
      let sum = 0;
      for (let k = 0; k < columns; k++) sum += row[offset + k] as number;
      return -Math.log(clip((row[offset + target] as number) / sum));
    }
    case 'mse':
      return ((row[offset] as number) - target) ** 2;
    case 'mae':
      return Math.abs((row[offset] as number) - target);
    case 'huber': {
      const error = Math.abs((row[offset] as number) - target);
      const quadratic = Math.min(error, loss.delta);
      return 0.5 * quadratic ** 2 + loss.delta * (error - quadratic);
    }
    case 'poisson': {
      // PyTorch's PoissonNLLLoss(log_input=True) on the log of the predicted rate, floored.
      const rate = Math.max(row[offset] as number, PROBABILITY_CLIP);
      return rate - target * Math.log(rate);
    }
  }
}

/**
 * The mean loss of predictions as the trainer hands them to metrics: class probabilities (one
 * positive-class column for a sigmoid), values, or rates. `targets` are class indices for the
 * cross-entropies, values or counts otherwise. Every reported `val.loss` and `test.loss` — an epoch
 * curve, a checkpoint, a candidate, an ensemble — is this one computation, so one model on one
 * split has one loss. The cross-entropies are Keras' on probabilities (clipped at 1e-7), which
 * an ensemble's mean probabilities need too, so a single model and an ensemble compare like with
 * like; from logits a confidently wrong row could cost more than the 16.1 nats this allows.
 */
export function predictionLoss(
  loss: Loss,
  targets: ArrayLike<number>,
  predictions: ArrayLike<number>,
  columns: number,
): MetricResult {
  if (predictions.length !== targets.length * columns) {
    throw new Error(
      `predictions must hold ${columns} column(s) for each of the ${targets.length} targets, received ${predictions.length} values`,
    );
  }
  if (targets.length === 0) return undefinedBecause(NO_SAMPLES);
  let total = 0;
  for (let i = 0; i < targets.length; i++) {
    total += rowTerm(loss, targets[i] as number, predictions, i * columns, columns);
  }
  const mean = total / targets.length;
  return Number.isFinite(mean) ? defined(mean) : undefinedBecause(`the loss is ${mean}`);
}
