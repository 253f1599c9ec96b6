import type { Rng } from '../random';
import type { ShapedWeights } from './weights';

/**
 * A random direction normalised filter by filter (Li et al. 2018, "Visualizing the Loss Landscape
 * of Neural Nets", §4): Gaussian entries, then each filter of the direction is rescaled to the norm
 * of the same filter of the weights. A filter is one output unit: in TF.js layout the slice along
 * the last axis of a kernel (a dense column, a conv output channel). Tensors of rank ≤ 1 (biases,
 * batch-norm scale, shift and statistics) get a zero direction, as in the authors' code with
 * `ignore='biasbn'`. The draws come from `rng` in model order, so a seed fixes the direction.
 */
export function filterNormalizedDirection(weights: ShapedWeights, rng: Rng): Float64Array[] {
  const drawn = weights.values.map((values, i) =>
    (weights.shapes[i] ?? []).length <= 1
      ? new Float64Array(values.length)
      : Float64Array.from(values, () => rng.normal()),
  );
  return normalizeFilters(drawn, weights);
}

/** Rescales each filter of `direction` to the norm of that filter of the weights; rank ≤ 1 → 0. */
export function normalizeFilters(
  direction: readonly ArrayLike<number>[],
  weights: ShapedWeights,
): Float64Array[] {
  return weights.values.map((values, i) => {
    const shape = weights.shapes[i] ?? [];
    const out = Float64Array.from(direction[i] ?? []);
    if (shape.length <= 1) return out.fill(0);
    const filters = shape.at(-1) ?? 1;
    for (let f = 0; f < filters; f++) {
      let weightNorm = 0;
      let directionNorm = 0;
      for (let k = f; k < values.length; k += filters) {
        weightNorm += (values[k] as number) ** 2;
        directionNorm += (out[k] as number) ** 2;
      }
      const factor = Math.sqrt(weightNorm) / (Math.sqrt(directionNorm) + 1e-10);
      for (let k = f; k < values.length; k += filters) out[k] = (out[k] as number) * factor;
    }
    return out;
  });
}
