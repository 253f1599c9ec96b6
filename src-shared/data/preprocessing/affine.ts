import type { Affine, Scaling } from './stats';

/** What scaling needs to know about the training values of one feature. */
export interface Summary {
  count: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  squaredDeviations: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    count: values.length,
    mean,
    squaredDeviations: values.reduce((a, v) => a + (v - mean) ** 2, 0),
    min: values.reduce((a, b) => Math.min(a, b), Infinity),
    max: values.reduce((a, b) => Math.max(a, b), -Infinity),
  };
}

export function affineFrom(summary: Summary, scaling: Scaling): Affine {
  switch (scaling) {
    case 'none':
      return { scaling, center: 0, scale: 1 };
    case 'standardize':
      return {
        scaling,
        center: summary.mean,
        scale: nonZero(Math.sqrt(summary.squaredDeviations / summary.count)),
      };
    case 'minmax':
      return { scaling, center: summary.min, scale: nonZero(summary.max - summary.min) };
  }
}

/** A constant training feature is left unscaled rather than divided by zero, as scikit-learn does. */
function nonZero(scale: number): number {
  return scale === 0 ? 1 : scale;
}
