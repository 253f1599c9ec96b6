import * as tf from '@tensorflow/tfjs';
import type { SplitPart } from '@shared/data/prepare/prepared';
import { batchNormWeights, trainingPass } from '../model/forward';
import type { Network } from '../model/network';
import { batchTensors, rowRange, type TargetLayout } from '../loop/batches';

/**
 * PyTorch `torch.optim.swa_utils.update_bn` for the averaged weights: one pass over the training
 * rows in stored order, in batches, with every trainable batch-norm layer normalising by batch
 * statistics; each layer's moving mean becomes the mean of the batch means and its moving variance
 * the mean of the unbiased batch variances (update_bn's momentum=None cumulative average). With
 * equal batches the mean is the exact training mean. Unlike update_bn, dropout is off during the
 * pass. A final batch of a single value per channel has no unbiased variance and is left out.
 */
export async function recomputeBatchNorm(
  network: Network,
  part: SplitPart,
  inputShape: readonly number[],
  layout: TargetLayout,
  batchSize: number,
): Promise<void> {
  const sums = new Map<string, { mean: Float64Array; variance: Float64Array; batches: number }>();
  for (let start = 0; start < part.count; start += batchSize) {
    const end = Math.min(part.count, start + batchSize);
    const { x, y } = batchTensors(part, inputShape, rowRange(start, end), layout);
    const held = tf.tidy(() =>
      trainingPass(network, x, null).batchStatistics.map(({ step, mean, variance, count }) => ({
        name: step.layer.name,
        count,
        mean,
        variance,
      })),
    );
    tf.dispose([x, y]);
    const stats = [];
    for (const { name, count, mean, variance } of held) {
      stats.push({
        name,
        count,
        mean: (await mean.data()) as Float32Array,
        variance: (await variance.data()) as Float32Array,
      });
    }
    tf.dispose(held.flatMap((s) => [s.mean, s.variance]));
    for (const { name, count, mean, variance } of stats) {
      if (count < 2) continue;
      const sum = sums.get(name) ?? {
        mean: new Float64Array(mean.length),
        variance: new Float64Array(mean.length),
        batches: 0,
      };
      for (let c = 0; c < mean.length; c++) {
        sum.mean[c] = (sum.mean[c] as number) + (mean[c] as number);
        sum.variance[c] =
          (sum.variance[c] as number) + ((variance[c] as number) * count) / (count - 1);
      }
      sum.batches += 1;
      sums.set(name, sum);
    }
  }
  for (const step of network.steps) {
    if (step.kind !== 'batchNorm' || step.frozen) continue;
    const sum = sums.get(step.layer.name);
    if (sum === undefined) continue;
    const { movingMean, movingVariance } = batchNormWeights(step.layer);
    tf.tidy(() => {
      movingMean.assign(
        tf.tensor(
          Float32Array.from(sum.mean, (v) => v / sum.batches),
          movingMean.shape,
        ),
      );
      movingVariance.assign(
        tf.tensor(
          Float32Array.from(sum.variance, (v) => v / sum.batches),
          movingVariance.shape,
        ),
      );
    });
  }
}
