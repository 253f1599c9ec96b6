import { normalCdf, normalQuantile } from './distributions';
import { defined, undefinedBecause, type MetricResult } from './metric-result';
import { quantileOfSorted } from './quantile';

export interface BcaInput {
  /** The statistic on the samples as given. */
  readonly estimate: number;
  /** The statistic on each bootstrap resample. */
  readonly replicates: ArrayLike<number>;
  /** The statistic with each sample left out in turn (jackknife), for the acceleration. */
  readonly jackknife: ArrayLike<number>;
  /** Two-sided coverage. */
  readonly confidence: number;
}

export interface BcaInterval {
  readonly lower: number;
  readonly upper: number;
  /** z₀: the bias correction, Φ⁻¹ of the share of replicates below the estimate. */
  readonly bias: number;
  /** â: the acceleration, from the skewness of the jackknife values. */
  readonly acceleration: number;
}

/**
 * Efron's bias-corrected and accelerated (BCa) bootstrap interval from the replicates, exactly as
 * SciPy 1.10 `bootstrap(method='BCa')` computes it: ties count half towards z₀, and the adjusted
 * levels are read from the replicates with NumPy's linear percentile.
 */
export function bcaInterval(input: BcaInput): MetricResult<BcaInterval> {
  const { estimate, replicates, jackknife, confidence } = input;
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`confidence: must be between 0 and 1, received ${confidence}`);
  }
  if (replicates.length === 0) throw new Error('replicates: needs at least one, received none');
  if (jackknife.length < 2) {
    throw new Error(`jackknife: needs at least two values, received ${jackknife.length}`);
  }
  let below = 0;
  let belowOrEqual = 0;
  for (let i = 0; i < replicates.length; i++) {
    const value = replicates[i] as number;
    if (value < estimate) below++;
    if (value <= estimate) belowOrEqual++;
  }
  const bias = normalQuantile((below + belowOrEqual) / (2 * replicates.length));

  let mean = 0;
  for (let i = 0; i < jackknife.length; i++) mean += jackknife[i] as number;
  mean /= jackknife.length;
  let squares = 0;
  let cubes = 0;
  for (let i = 0; i < jackknife.length; i++) {
    const deviation = mean - (jackknife[i] as number);
    squares += deviation * deviation;
    cubes += deviation * deviation * deviation;
  }
  if (squares === 0 || !Number.isFinite(bias)) {
    return undefinedBecause('the samples have no spread, so the bootstrap interval is undefined');
  }
  const acceleration = cubes / (6 * squares ** 1.5);

  const level = (z: number) => {
    const shifted = bias + z;
    return normalCdf(bias + shifted / (1 - acceleration * shifted));
  };
  const zLower = normalQuantile((1 - confidence) / 2);
  const sorted = Float64Array.from(replicates).sort();
  return defined({
    lower: quantileOfSorted(sorted, level(zLower)),
    upper: quantileOfSorted(sorted, level(-zLower)),
    bias,
    acceleration,
  });
}
