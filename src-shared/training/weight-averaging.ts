/**
 * Averages of weight lists (one flat array per tensor) for SWA and EMA, as PyTorch's
 * `AveragedModel.update_parameters` does: the first update copies, later ones blend.
 * Functions return new arrays and leave their inputs untouched.
 */

export type WeightTensor = Float32Array | number[];

export interface WeightAverage<W extends WeightTensor = WeightTensor> {
  readonly weights: readonly W[];
  /** How many weight lists went into the average. */
  readonly count: number;
}

function combine<W extends WeightTensor>(
  average: readonly W[],
  weights: readonly W[],
  blend: (averaged: number, current: number) => number,
): W[] {
  if (average.length !== weights.length) {
    throw new Error(
      `weight averaging: expected ${average.length} tensors, received ${weights.length}`,
    );
  }
  return average.map((tensor, index) => {
    const current = weights[index] as W;
    if (tensor.length !== current.length) {
      throw new Error(
        `weight averaging: tensor ${index} has ${tensor.length} values in the average, received ${current.length}`,
      );
    }
    const out =
      tensor instanceof Float32Array
        ? new Float32Array(tensor.length)
        : new Array<number>(tensor.length);
    for (let i = 0; i < tensor.length; i += 1)
      out[i] = blend(tensor[i] as number, current[i] as number);
    return out as W;
  });
}

function copy<W extends WeightTensor>(weights: readonly W[]): W[] {
  return weights.map((tensor) => tensor.slice() as W);
}

/** SWA: the equal-weight mean of every list added, updated as avg + (w − avg)/(n + 1). */
export function addToSwaAverage<W extends WeightTensor>(
  average: WeightAverage<W> | null,
  weights: readonly W[],
): WeightAverage<W> {
  if (average === null || average.count === 0) return { weights: copy(weights), count: 1 };
  const n = average.count;
  return {
    weights: combine(average.weights, weights, (avg, current) => avg + (current - avg) / (n + 1)),
    count: n + 1,
  };
}

/** EMA: decay·avg + (1 − decay)·w, as PyTorch's `get_ema_avg_fn(decay)`. */
export function addToEmaAverage<W extends WeightTensor>(
  average: WeightAverage<W> | null,
  weights: readonly W[],
  decay: number,
): WeightAverage<W> {
  if (!(decay >= 0 && decay <= 1)) {
    throw new Error(`weight averaging: decay must be a number from 0 to 1, received ${decay}`);
  }
  if (average === null || average.count === 0) return { weights: copy(weights), count: 1 };
  return {
    weights: combine(
      average.weights,
      weights,
      (avg, current) => decay * avg + (1 - decay) * current,
    ),
    count: average.count + 1,
  };
}
