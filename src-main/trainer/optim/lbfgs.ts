import { dot, maxAbs, strongWolfe } from './strong-wolfe';

/**
 * torch.optim.LBFGS, ported statement for statement on flat Float64 parameter vectors: one `step`
 * is one PyTorch `optimizer.step(closure)` — up to `maxIterations` L-BFGS iterations on the full
 * batch, each with a strong-Wolfe line search (or a fixed step of `learningRate` without one).
 * The curvature pairs persist across steps, as in PyTorch.
 */

export interface LbfgsOptions {
  learningRate: number;
  maxIterations: number;
  /** PyTorch's default is ⌊maxIterations · 5/4⌋. */
  maxEvaluations: number;
  toleranceGrad: number;
  toleranceChange: number;
  historySize: number;
  lineSearch: 'strongWolfe' | null;
}

/**
 * The objective at `x`: its value and gradient (fresh arrays; `x` must not be kept); a promise where
 * reading them back needs one (webgpu has no synchronous reads in Node).
 */
export type Objective = (
  x: Float64Array,
) => { loss: number; grad: Float64Array } | Promise<{ loss: number; grad: Float64Array }>;

export interface LbfgsStepResult {
  /** The loss at the parameters the step started from (PyTorch's return value). */
  loss: number;
  /** The loss at the last point evaluated along the way (where the parameters ended, with a line search). */
  finalLoss: number;
  iterations: number;
  evaluations: number;
}

function axpy(into: Float64Array, alpha: number, x: Float64Array): void {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) + alpha * (x[i] as number);
}

export class Lbfgs {
  /** Iterations and objective evaluations since the optimizer was made (PyTorch's n_iter, func_evals). */
  iterations = 0;
  evaluations = 0;
  private d: Float64Array | null = null;
  private t = 0;
  private readonly dirs: Float64Array[] = [];
  private readonly steps: Float64Array[] = [];
  private readonly ro: number[] = [];
  private hDiag = 1;
  private previousGrad: Float64Array | null = null;

  constructor(private readonly options: LbfgsOptions) {}

  /** One PyTorch step at rate `learningRate` (a schedule may change it): moves `x` in place. */
  async step(
    objective: Objective,
    x: Float64Array,
    learningRate = this.options.learningRate,
  ): Promise<LbfgsStepResult> {
    const o = { ...this.options, learningRate };
    const first = await objective(x);
    let loss = first.loss;
    let grad = first.grad;
    let currentEvaluations = 1;
    this.evaluations++;
    const startIterations = this.iterations;
    const startEvaluations = this.evaluations - 1;
    const result = () => ({
      loss: first.loss,
      finalLoss: loss,
      iterations: this.iterations - startIterations,
      evaluations: this.evaluations - startEvaluations,
    });
    if (maxAbs(grad) <= o.toleranceGrad) return result();

    let n = 0;
    while (n < o.maxIterations) {
      n++;
      this.iterations++;
      let d: Float64Array;
      if (this.iterations === 1) {
        d = grad.map((value) => -value);
        this.dirs.length = 0;
        this.steps.length = 0;
        this.ro.length = 0;
        this.hDiag = 1;
      } else {
        const previous = this.previousGrad as Float64Array;
        const y = grad.map((value, i) => value - (previous[i] as number));
        const s = (this.d as Float64Array).map((value) => value * this.t);
        const ys = dot(y, s);
        if (ys > 1e-10) {
          if (this.dirs.length === o.historySize) {
            this.dirs.shift();
            this.steps.shift();
            this.ro.shift();
          }
          this.dirs.push(y);
          this.steps.push(s);
          this.ro.push(1 / ys);
          this.hDiag = ys / dot(y, y);
        }
        const count = this.dirs.length;
        const al = new Array<number>(count);
        const q = grad.map((value) => -value);
        for (let i = count - 1; i >= 0; i--) {
          al[i] = dot(this.steps[i] as Float64Array, q) * (this.ro[i] as number);
          axpy(q, -(al[i] as number), this.dirs[i] as Float64Array);
        }
        d = q.map((value) => value * this.hDiag);
        for (let i = 0; i < count; i++) {
          const be = dot(this.dirs[i] as Float64Array, d) * (this.ro[i] as number);
          axpy(d, (al[i] as number) - be, this.steps[i] as Float64Array);
        }
      }
      this.d = d;
      this.previousGrad = grad;
      const previousLoss = loss;

      let absSum = 0;
      for (const value of grad) absSum += Math.abs(value);
      this.t = this.iterations === 1 ? Math.min(1, 1 / absSum) * o.learningRate : o.learningRate;
      const gtd = dot(grad, d);
      if (gtd > -o.toleranceChange) break;

      let lineEvaluations = 0;
      let optimal = false;
      if (o.lineSearch === 'strongWolfe') {
        const origin = Float64Array.from(x);
        const along = (t: number) =>
          objective(origin.map((value, i) => value + t * (d[i] as number)));
        const found = await strongWolfe(along, this.t, d, loss, grad, gtd, o.toleranceChange);
        ({ loss, grad, t: this.t, evaluations: lineEvaluations } = found);
        axpy(x, this.t, d);
        optimal = maxAbs(grad) <= o.toleranceGrad;
      } else {
        axpy(x, this.t, d);
        if (n !== o.maxIterations) {
          ({ loss, grad } = await objective(x));
          optimal = maxAbs(grad) <= o.toleranceGrad;
          lineEvaluations = 1;
        }
      }
      currentEvaluations += lineEvaluations;
      this.evaluations += lineEvaluations;

      if (n === o.maxIterations) break;
      if (currentEvaluations >= o.maxEvaluations) break;
      if (optimal) break;
      if (maxAbs(d.map((value) => value * this.t)) <= o.toleranceChange) break;
      if (Math.abs(loss - previousLoss) < o.toleranceChange) break;
    }
    return result();
  }
}
