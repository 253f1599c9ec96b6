import * as tf from '@tensorflow/tfjs';
import type { SplitPart } from '@shared/data/prepare/prepared';
import type { Loss } from '@shared/experiment/spec';
import { predictionLoss, type MetricResult } from '@shared/metrics';
import { inferencePass } from '../model/forward';
import { predictions } from '../model/loss';
import type { Network } from '../model/network';
import { batchTensors, rowRange, type TargetLayout } from '../loop/batches';

export interface ScoringSetup {
  network: Network;
  loss: Loss;
  folded: 'softmax' | 'sigmoid' | null;
  inputShape: readonly number[];
  layout: TargetLayout;
  /** Columns of `predictions()`: classes, 1 for a sigmoid or a value. */
  columns: number;
}

export interface SplitScores {
  /**
   * The loss of the predictions (`predictionLoss`), as every `val.loss` and `test.loss` is scored;
   * undefined without rows or when it is not finite.
   */
  loss: MetricResult;
  /** Row-major [count, columns]. */
  predictions: Float32Array;
  /** By spec layer: the share of its ReLU units (channels) that never fire on this split. */
  deadRelu: Map<string, number>;
}

const CHUNK = 1024;

/** Scores the current weights on a split at inference, in chunks so memory stays flat. */
export async function scoreSplit(
  setup: ScoringSetup,
  part: SplitPart,
  watchRelu: boolean,
): Promise<SplitScores> {
  const out = new Float32Array(part.count * setup.columns);
  const unitMax = new Map<string, Float32Array>();
  for (let start = 0; start < part.count; start += CHUNK) {
    const end = Math.min(part.count, start + CHUNK);
    const { x, y } = batchTensors(part, setup.inputShape, rowRange(start, end), setup.layout);
    const result = tf.tidy(() => {
      const pass = inferencePass(setup.network, x);
      const maxima = watchRelu
        ? pass.reluOutputs.map(({ owner, values }) => ({
            owner,
            max: tf.max(
              values,
              values.shape.slice(0, -1).map((_, axis) => axis),
            ),
          }))
        : [];
      return { predicted: predictions(setup.loss, pass.output, setup.folded), maxima };
    });
    out.set((await result.predicted.data()) as Float32Array, start * setup.columns);
    for (const { owner, max } of result.maxima) {
      const values = (await max.data()) as Float32Array;
      const seen = unitMax.get(owner);
      if (seen === undefined) unitMax.set(owner, Float32Array.from(values));
      else
        for (let i = 0; i < values.length; i++)
          seen[i] = Math.max(seen[i] as number, values[i] as number);
    }
    tf.dispose([x, y, result.predicted, ...result.maxima.map((m) => m.max)]);
  }
  const deadRelu = new Map<string, number>();
  for (const [owner, maxima] of unitMax) {
    deadRelu.set(owner, maxima.filter((value) => value <= 0).length / maxima.length);
  }
  const loss = predictionLoss(setup.loss, part.y, out, setup.columns);
  return { loss, predictions: out, deadRelu };
}
