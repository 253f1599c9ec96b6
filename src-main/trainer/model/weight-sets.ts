import * as tf from '@tensorflow/tfjs';
import type { Network } from './network';

/**
 * A copy of every weight of the model (batch-norm moving statistics included) in model order, in
 * JS memory: what SWA averages, what a snapshot or the best epoch keeps, what a resume restores.
 */
export type WeightSet = Float32Array[];

/** Asynchronous because a GPU backend (webgpu) can only read its buffers back asynchronously. */
export async function copyWeights(network: Network): Promise<WeightSet> {
  return Promise.all(
    network.model.weights.map(async (weight) =>
      Float32Array.from((await weight.read().data()) as Float32Array),
    ),
  );
}

export function loadWeights(network: Network, weights: WeightSet): void {
  const variables = network.model.weights;
  if (variables.length !== weights.length) {
    throw new Error(`weight set has ${weights.length} tensors, the model ${variables.length}`);
  }
  variables.forEach((variable, i) => {
    const values = weights[i] as Float32Array;
    if (values.length !== variable.shape.reduce<number>((a, b) => a * (b ?? 1), 1)) {
      throw new Error(
        `weight ${variable.originalName}: ${values.length} values do not fit shape [${variable.shape.join(', ')}]`,
      );
    }
    const tensor = tf.tensor(values, variable.shape as number[]);
    variable.write(tensor);
    tensor.dispose();
  });
}

/**
 * Copies saved weights into the model where name and shape match (transfer learning: a new head
 * is simply not in the checkpoint, or has another shape). Returns what was and was not loaded.
 */
export function assignByName(
  network: Network,
  saved: tf.NamedTensorMap,
): { loaded: string[]; skipped: string[] } {
  const loaded: string[] = [];
  const skipped: string[] = [];
  for (const weight of network.model.weights) {
    const tensor = saved[weight.originalName];
    if (tensor !== undefined && tf.util.arraysEqual(tensor.shape, weight.shape as number[])) {
      weight.write(tensor);
      loaded.push(weight.originalName);
    } else {
      skipped.push(weight.originalName);
    }
  }
  return { loaded, skipped };
}
