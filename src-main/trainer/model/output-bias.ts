import type { Task } from '@shared/experiment/spec';

/** Keeps log() finite when a class is absent from the training split. */
const FLOOR = 1e-6;

/**
 * The output bias that makes an untrained network predict the training targets' base rate (Karpathy,
 * "A recipe for training neural networks"): log-odds of the positive share for one sigmoid unit,
 * log class priors for softmax units, log of the mean count for a Poisson log-rate. Regression keeps
 * its initializer (null).
 *
 * `targets` are class indices for classification and raw values otherwise.
 */
export function autoOutputBias(
  task: Task,
  targets: ArrayLike<number>,
  units: number,
): Float32Array | null {
  const n = targets.length;
  if (n === 0) return null;
  switch (task) {
    case 'binary':
    case 'multiclass': {
      const classes = Math.max(units, 2);
      const counts = new Float64Array(classes);
      for (let i = 0; i < n; i++)
        counts[targets[i] as number] = (counts[targets[i] as number] as number) + 1;
      if (units === 1) {
        const p = Math.min(Math.max((counts[1] as number) / n, FLOOR), 1 - FLOOR);
        return Float32Array.of(Math.log(p / (1 - p)));
      }
      return Float32Array.from(counts.subarray(0, units), (count) =>
        Math.log(Math.max(count / n, FLOOR)),
      );
    }
    case 'count': {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += targets[i] as number;
      return new Float32Array(units).fill(Math.log(Math.max(sum / n, FLOOR)));
    }
    case 'regression':
      return null;
  }
}
