import { Rng } from '../random';
import { defined, undefinedBecause, type MetricResult } from './metric-result';
import { quantileOfSorted } from './quantile';

/**
 * A statistic of the samples at `indices` (a resample with repeats). The array is reused between
 * calls: read it, do not keep it.
 */
export type ResampledStatistic = (indices: Uint32Array) => MetricResult;

export interface BootstrapOptions {
  /** Number of samples the statistic sees; resamples draw this many indices from [0, n). */
  readonly sampleCount: number;
  readonly seed: number;
  /** Default 2000. */
  readonly resamples?: number;
  /** Two-sided coverage, default 0.95. */
  readonly confidence?: number;
}

export interface ConfidenceInterval {
  /** The statistic on the samples as given. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  /** Resamples the interval is built from. */
  readonly resamples: number;
  /**
   * Resamples where the statistic was undefined (an AUC on a resample holding one class); they are
   * left out, which shifts the interval towards resamples where the statistic exists.
   */
  readonly undefinedResamples: number;
}

function checkOptions(options: BootstrapOptions): Required<BootstrapOptions> {
  const { sampleCount, seed, resamples = 2000, confidence = 0.95 } = options;
  if (!Number.isInteger(sampleCount) || sampleCount < 1) {
    throw new Error(`sampleCount: must be a whole number ≥ 1, received ${sampleCount}`);
  }
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new Error(`resamples: must be a whole number ≥ 1, received ${resamples}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`confidence: must be between 0 and 1, received ${confidence}`);
  }
  return { sampleCount, seed, resamples, confidence };
}

/**
 * Percentile bootstrap: the statistic is recomputed on `resamples` resamples drawn with
 * replacement (seeded, so the interval is reproducible), and the interval runs between the
 * (1 − confidence)/2 and (1 + confidence)/2 quantiles of those values.
 */
export function bootstrapConfidenceInterval(
  statistic: ResampledStatistic,
  options: BootstrapOptions,
): MetricResult<ConfidenceInterval> {
  const { sampleCount, seed, resamples, confidence } = checkOptions(options);
  // Every resample of one sample is that sample: a zero-width interval that claims certainty.
  if (sampleCount < 2) return undefinedBecause('needs ≥ 2 samples for an interval, received 1');
  const indices = new Uint32Array(sampleCount);
  for (let i = 0; i < sampleCount; i++) indices[i] = i;
  const estimate = statistic(indices);
  if (!estimate.defined) return estimate;

  const rng = Rng.fromSeed(seed);
  const values = new Float64Array(resamples);
  let kept = 0;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < sampleCount; i++) indices[i] = rng.integer(0, sampleCount);
    const value = statistic(indices);
    if (value.defined) values[kept++] = value.value;
  }
  if (kept === 0) {
    return undefinedBecause(`the statistic was undefined on all ${resamples} resamples`);
  }
  const sorted = values.subarray(0, kept).sort();
  const tail = (1 - confidence) / 2;
  return defined({
    estimate: estimate.value,
    lower: quantileOfSorted(sorted, tail),
    upper: quantileOfSorted(sorted, 1 - tail),
    confidence,
    resamples: kept,
    undefinedResamples: resamples - kept,
  });
}

/**
 * Bootstrap interval of statisticA − statisticB where both are computed on the same resample
 * (paired: e.g. two models' accuracy on the same test rows). An interval that excludes 0 says the
 * difference is unlikely to be resampling noise.
 */
export function bootstrapPairedDifference(
  statisticA: ResampledStatistic,
  statisticB: ResampledStatistic,
  options: BootstrapOptions,
): MetricResult<ConfidenceInterval> {
  return bootstrapConfidenceInterval((indices) => {
    const a = statisticA(indices);
    if (!a.defined) return a;
    const b = statisticB(indices);
    return b.defined ? defined(a.value - b.value) : b;
  }, options);
}

/** `values` at each of `indices`, to hand a metric the samples of one resample. */
export function gather(values: ArrayLike<number>, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i] as number] as number;
  return out;
}
