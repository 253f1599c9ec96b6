export interface Barrier {
  /** max over sampled t ∈ [0, 1] of loss(t) − ((1 − t)·loss(0) + t·loss(1)); ≥ 0. */
  height: number;
  /** Where the maximum is (0 or 1 when the path never rises above the chord). */
  t: number;
}

/**
 * The loss barrier along the linear path between two minima (Garipov et al. 2018; Draxler et al.
 * 2018; Frankle et al. 2020 use the same chord): the largest rise of the loss above the straight
 * line joining the two endpoint losses, over the sampled t in [0, 1]. Points outside [0, 1] are
 * ignored; both endpoints must be sampled.
 */
export function barrierHeight(points: readonly { t: number; loss: number }[]): Barrier {
  const at = (t: number) => points.find((p) => p.t === t)?.loss;
  const start = at(0);
  const end = at(1);
  if (start === undefined || end === undefined) {
    throw new Error('the barrier needs the loss at t = 0 and at t = 1');
  }
  let best: Barrier = { height: 0, t: 0 };
  for (const { t, loss } of points) {
    if (t < 0 || t > 1) continue;
    const height = loss - ((1 - t) * start + t * end);
    if (height > best.height) best = { height, t };
  }
  return best;
}
