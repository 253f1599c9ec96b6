/**
 * The strong-Wolfe line search of torch.optim.LBFGS (`_strong_wolfe`, `_cubic_interpolate`, ported
 * from torch/optim's lswolfe.lua), statement for statement so that the trial steps are PyTorch's.
 */

/** The objective at x + t·d: its value and gradient (a promise where the weights live on a GPU). */
export type DirectionalEvaluate = (
  t: number,
) => { loss: number; grad: Float64Array } | Promise<{ loss: number; grad: Float64Array }>;

export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

export function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const value of values) max = Math.max(max, Math.abs(value));
  return max;
}

/** The minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), kept within `bounds`. */
export function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  bounds?: readonly [number, number],
): number {
  const [low, high] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const minimum =
      x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(minimum, low), high);
  }
  return (low + high) / 2;
}

export interface LineSearchResult {
  loss: number;
  grad: Float64Array;
  t: number;
  evaluations: number;
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_LINE_SEARCH = 25;

/**
 * A step t along d from the current point (loss f, gradient g, directional derivative gtd) that
 * satisfies the strong Wolfe conditions: bracket, then zoom by cubic interpolation.
 */
export async function strongWolfe(
  evaluate: DirectionalEvaluate,
  initialT: number,
  d: Float64Array,
  f: number,
  g: Float64Array,
  gtd: number,
  toleranceChange: number,
): Promise<LineSearchResult> {
  const dNorm = maxAbs(d);
  let t = initialT;
  let { loss: fNew, grad: gNew } = await evaluate(t);
  let evaluations = 1;
  let gtdNew = dot(gNew, d);

  let tPrev = 0;
  let fPrev = f;
  let gPrev = g;
  let gtdPrev = gtd;
  let done = false;
  let iteration = 0;
  let bracket: number[] = [];
  let bracketF: number[] = [];
  let bracketG: Float64Array[] = [];
  let bracketGtd: number[] = [];
  while (iteration < MAX_LINE_SEARCH) {
    if (fNew > f + C1 * t * gtd || (iteration > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketG, bracketGtd] = [
        [tPrev, t],
        [fPrev, fNew],
        [gPrev, gNew],
        [gtdPrev, gtdNew],
      ];
      break;
    }
    if (Math.abs(gtdNew) <= -C2 * gtd) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [
        [tPrev, t],
        [fPrev, fNew],
        [gPrev, gNew],
        [gtdPrev, gtdNew],
      ];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const previous = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = previous;
    fPrev = fNew;
    gPrev = gNew;
    gtdPrev = gtdNew;
    ({ loss: fNew, grad: gNew } = await evaluate(t));
    evaluations++;
    gtdNew = dot(gNew, d);
    iteration++;
  }
  if (iteration === MAX_LINE_SEARCH) {
    // PyTorch leaves bracket_gtd as it was here; with done false the zoom reads it as is.
    [bracket, bracketF, bracketG] = [
      [0, t],
      [f, fNew],
      [g, gNew],
    ];
  }

  let insufficientProgress = false;
  let [low, high] = (bracketF[0] as number) <= (bracketF.at(-1) as number) ? [0, 1] : [1, 0];
  while (!done && iteration < MAX_LINE_SEARCH) {
    const [b0, b1] = bracket as [number, number];
    if (Math.abs(b1 - b0) * dNorm < toleranceChange) break;
    t = cubicInterpolate(
      b0,
      bracketF[0] as number,
      bracketGtd[0] as number,
      b1,
      bracketF[1] as number,
      bracketGtd[1] as number,
    );
    const top = Math.max(b0, b1);
    const bottom = Math.min(b0, b1);
    const eps = 0.1 * (top - bottom);
    if (Math.min(top - t, t - bottom) < eps) {
      if (insufficientProgress || t >= top || t <= bottom) {
        t = Math.abs(t - top) < Math.abs(t - bottom) ? top - eps : bottom + eps;
        insufficientProgress = false;
      } else {
        insufficientProgress = true;
      }
    } else {
      insufficientProgress = false;
    }
    ({ loss: fNew, grad: gNew } = await evaluate(t));
    evaluations++;
    gtdNew = dot(gNew, d);
    iteration++;

    if (fNew > f + C1 * t * gtd || fNew >= (bracketF[low] as number)) {
      bracket[high] = t;
      bracketF[high] = fNew;
      bracketG[high] = gNew;
      bracketGtd[high] = gtdNew;
      [low, high] = (bracketF[0] as number) <= (bracketF[1] as number) ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -C2 * gtd) {
        done = true;
      } else if (gtdNew * ((bracket[high] as number) - (bracket[low] as number)) >= 0) {
        bracket[high] = bracket[low] as number;
        bracketF[high] = bracketF[low] as number;
        bracketG[high] = bracketG[low] as Float64Array;
        bracketGtd[high] = bracketGtd[low] as number;
      }
      bracket[low] = t;
      bracketF[low] = fNew;
      bracketG[low] = gNew;
      bracketGtd[low] = gtdNew;
    }
  }
  return {
    loss: bracketF[low] as number,
    grad: bracketG[low] as Float64Array,
    t: bracket[low] as number,
    evaluations,
  };
}
