/** PyTorch CyclicLR (Smith, 2017), stepped per schedule step; k is the 0-based step. */

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicParams {
  baseLr: number;
  maxLr: number;
  mode: CyclicMode;
  stepSizeUp: number;
  stepSizeDown: number;
  /** exp_range only: the amplitude is scaled by gamma^k. */
  gamma: number;
}

export function cyclicLr(params: CyclicParams, k: number): number {
  const totalSize = params.stepSizeUp + params.stepSizeDown;
  const stepRatio = params.stepSizeUp / totalSize;
  const cycle = Math.floor(1 + k / totalSize);
  const x = 1 + k / totalSize - cycle;
  const scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
  const baseHeight = (params.maxLr - params.baseLr) * scaleFactor;
  return params.baseLr + baseHeight * amplitudeScale(params, cycle, k);
}

function amplitudeScale(params: CyclicParams, cycle: number, k: number): number {
  switch (params.mode) {
    case 'triangular':
      return 1;
    case 'triangular2':
      return 1 / 2 ** (cycle - 1);
    case 'exp_range':
      return params.gamma ** k;
  }
}

/** Steps at which a new cycle starts (the rate is back at baseLr), below `until`. */
export function cyclicCycleStarts(params: CyclicParams, until: number): number[] {
  const totalSize = params.stepSizeUp + params.stepSizeDown;
  const starts: number[] = [];
  for (let k = totalSize; k < until; k += totalSize) starts.push(k);
  return starts;
}
