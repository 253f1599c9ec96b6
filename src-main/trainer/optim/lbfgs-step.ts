import * as tf from '@tensorflow/tfjs';
import type { OptimizerConfig } from '@shared/experiment/optimization';
import { trainingPass } from '../model/forward';
import { dataLoss, predictions } from '../model/loss';
import { penalty, type StepOutcome, type StepSetup } from '../loop/train-step';
import { Lbfgs, type Objective } from './lbfgs';

type LbfgsConfig = Extract<OptimizerConfig, { kind: 'lbfgs' }>;

const byRun = new WeakMap<object, Lbfgs>();

/**
 * The run's L-BFGS optimizer (kept for the whole run, as its curvature pairs carry over between
 * epochs), or null when the run uses another optimizer. `run` is the run's context object.
 */
export function lbfgsOf(run: object, config: OptimizerConfig): Lbfgs | null {
  if (config.kind !== 'lbfgs') return null;
  let lbfgs = byRun.get(run);
  if (lbfgs === undefined) {
    lbfgs = createLbfgs(config);
    byRun.set(run, lbfgs);
  }
  return lbfgs;
}

/** The curves an L-BFGS run adds to every epoch: its iterations and objective evaluations so far. */
export function lbfgsCurves(run: object): Record<string, number> {
  const lbfgs = byRun.get(run);
  return lbfgs === undefined
    ? {}
    : { 'lbfgs.iterations': lbfgs.iterations, 'lbfgs.evaluations': lbfgs.evaluations };
}

/** An L-BFGS optimizer with the spec's settings and PyTorch's max_eval = ⌊max_iter · 5/4⌋. */
function createLbfgs(config: LbfgsConfig): Lbfgs {
  return new Lbfgs({
    learningRate: config.learningRate,
    maxIterations: config.maxIterations,
    maxEvaluations: Math.floor((config.maxIterations * 5) / 4),
    toleranceGrad: config.tolerance,
    toleranceChange: config.toleranceChange,
    historySize: config.historySize,
    lineSearch: config.lineSearch === 'strongWolfe' ? 'strongWolfe' : null,
  });
}

export interface LbfgsStepOutcome extends StepOutcome {
  /** L-BFGS iterations and objective evaluations this step took. */
  iterations: number;
  evaluations: number;
}

async function flatValues(variables: readonly tf.Tensor[]): Promise<Float64Array> {
  const parts = await Promise.all(variables.map((v) => v.data()));
  const flat = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    flat.set(part, offset);
    offset += part.length;
  }
  return flat;
}

function assignWeights(variables: readonly tf.Variable[], flat: Float64Array): void {
  let offset = 0;
  for (const v of variables) {
    const size = v.size;
    tf.tidy(() =>
      v.assign(tf.tensor(Float32Array.from(flat.subarray(offset, offset + size)), v.shape)),
    );
    offset += size;
  }
}

function squaresBy(variables: readonly tf.Variable[], flat: Float64Array): Float64Array {
  let offset = 0;
  return Float64Array.from(variables, (v) => {
    let sum = 0;
    for (let i = offset; i < offset + v.size; i++) sum += (flat[i] as number) ** 2;
    offset += v.size;
    return sum;
  });
}

/**
 * One epoch of L-BFGS on the full batch (x, y): one PyTorch `step(closure)` at rate `lr`, whose
 * closure is the data loss plus weight penalties with their gradient. The weights end where the
 * step leaves them. Reported like a batch step: the loss and predictions at the weights the step
 * started from (PyTorch's return value), squared norms of the first gradient, the update and the
 * new weights.
 */
export async function lbfgsStep(
  setup: StepSetup,
  lbfgs: Lbfgs,
  x: tf.Tensor,
  y: tf.Tensor,
  lr: number,
): Promise<LbfgsStepOutcome> {
  const variables = setup.parameters.map((p) => p.variable);
  let firstPredictions: tf.Tensor | null = null;
  let firstGradient: Float64Array | null = null;
  const objective: Objective = async (weights) => {
    assignWeights(variables, weights);
    const { value, grads } = tf.variableGrads(() => {
      const output = trainingPass(setup.network, x, null).output;
      // Kept past the tape (read after the step): the predictions at the starting weights.
      if (firstPredictions === null)
        firstPredictions = tf.keep(predictions(setup.loss, output, setup.folded));
      const data = dataLoss(setup.loss, output, y, setup.folded);
      const extra = penalty(setup.parameters);
      return extra === null ? data : tf.add(data, extra);
    }, variables);
    const loss = (await value.data())[0] as number;
    const grad = await flatValues(variables.map((v) => grads[v.name] as tf.Tensor));
    tf.dispose([value, ...Object.values(grads)]);
    firstGradient ??= grad;
    return { loss, grad };
  };
  const start = await flatValues(variables);
  const end = Float64Array.from(start);
  const result = await lbfgs.step(objective, end, lr);
  const shown = firstPredictions as tf.Tensor | null;
  const startPredictions =
    shown === null ? new Float32Array(0) : ((await shown.data()) as Float32Array);
  shown?.dispose();
  assignWeights(variables, end);
  const update = end.map((value, i) => value - (start[i] as number));
  return {
    loss: result.loss,
    gradientSquares: squaresBy(variables, firstGradient ?? new Float64Array(start.length)),
    updateSquares: squaresBy(variables, update),
    weightSquares: squaresBy(variables, end),
    predictions: startPredictions,
    iterations: result.iterations,
    evaluations: result.evaluations,
  };
}
