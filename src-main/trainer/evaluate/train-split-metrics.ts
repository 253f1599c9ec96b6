import type { Task } from '@shared/experiment/spec';
import { TRAIN_RANKING_SAMPLE_ROWS } from '@shared/experiment/metric-names';
import { defined, undefinedBecause } from '@shared/metrics';
import { Rng } from '@shared/random/rng';
import { keyedMetrics, rankingMetrics, type KeyedMetrics } from './task-metrics';

/**
 * The training split's metrics at an epoch's end, from the predictions the batches made while
 * training (no extra pass). Loss and the threshold metrics use every row; the ranking metrics (AUC,
 * average precision), which sort every row and per class, use a fixed sample of at most
 * TRAIN_RANKING_SAMPLE_ROWS rows: on 54,000 Fashion-MNIST rows they were a tenth of an epoch.
 */

/** The seed of the ranking sample: a constant, so every run on the same data ranks the same rows. */
const RANKING_SAMPLE_SEED = 0x5eed;

/** The training rows (indices, ascending) whose predictions the ranking metrics score. */
export function rankingSampleRows(trainCount: number): Uint32Array {
  const all = new Uint32Array(trainCount).map((_, i) => i);
  if (trainCount <= TRAIN_RANKING_SAMPLE_ROWS) return all;
  return Rng.fromSeed(RANKING_SAMPLE_SEED)
    .shuffle(all)
    .subarray(0, TRAIN_RANKING_SAMPLE_ROWS)
    .sort();
}

export interface EpochPredictions {
  task: Task;
  /** The mean training loss over the epoch's batches: the objective as optimised (from logits). */
  loss: number;
  /** Training rows in the order the epoch visited them. */
  order: Uint32Array;
  /** Targets by training row. */
  targets: Float32Array;
  /** The batches' predictions, `columns` per row, in `order`. */
  predictions: Float32Array;
  columns: number;
}

export function trainSplitMetrics(epoch: EpochPredictions): KeyedMetrics {
  const { task, order, targets, predictions, columns } = epoch;
  // Drawn again each epoch (a millisecond): the same rows every time, nothing to keep in the run.
  const sample = rankingSampleRows(targets.length);
  const ordered = Float32Array.from(order, (row) => targets[row] as number);
  const loss = Number.isFinite(epoch.loss)
    ? defined(epoch.loss)
    : undefinedBecause(`the loss is ${epoch.loss}`);
  const scored = keyedMetrics('train', task, loss, ordered, predictions, columns, false);
  const position = new Uint32Array(targets.length);
  order.forEach((row, i) => (position[row] = i));
  const sampledTargets = Float32Array.from(sample, (row) => targets[row] as number);
  const sampledPredictions = new Float32Array(sample.length * columns);
  sample.forEach((row, k) => {
    const from = (position[row] as number) * columns;
    sampledPredictions.set(predictions.subarray(from, from + columns), k * columns);
  });
  const ranked = rankingMetrics(task, sampledTargets, sampledPredictions, columns);
  for (const [name, value] of Object.entries(ranked.values))
    scored.metrics[`train.${name}`] = value;
  for (const [name, reason] of Object.entries(ranked.undefinedReasons)) {
    scored.undefinedMetrics[`train.${name}`] = reason;
  }
  return scored;
}
