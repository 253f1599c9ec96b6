import * as tf from '@tensorflow/tfjs';
import type { GradientClipping, GradientNoise, Loss } from '@shared/experiment/spec';
import { gradientNoiseVariance } from '@shared/training';
import { batchNormWeights, trainingPass, type BatchStatistics } from '../model/forward';
import { dataLoss, predictions } from '../model/loss';
import type { Network } from '../model/network';
import type { Parameter } from '../model/parameters';
import type { Optimizer } from '../optim/optimizer';

export interface StepSetup {
  network: Network;
  parameters: readonly Parameter[];
  optimizer: Optimizer;
  loss: Loss;
  folded: 'softmax' | 'sigmoid' | null;
  clipping: GradientClipping;
  noise: GradientNoise | null;
}

/** Seeds for TF.js's seeded random ops, drawn from the run's generators (never 0: TF.js ignores it). */
export interface StepSeeds {
  dropout: () => number;
  noise: () => number;
}

/** What one step reports, all read back in one transfer. Squared norms are per parameter. */
export interface StepOutcome {
  loss: number;
  gradientSquares: Float64Array;
  updateSquares: Float64Array;
  weightSquares: Float64Array;
  /** The batch's predictions in training mode (see `predictions`), row-major. */
  predictions: Float32Array;
}

export function penalty(parameters: readonly Parameter[]): tf.Scalar | null {
  const terms: tf.Scalar[] = [];
  for (const p of parameters) {
    if (p.l1 > 0) terms.push(tf.mul(p.l1, tf.sum(tf.abs(p.variable))));
    if (p.l2 > 0) terms.push(tf.mul(p.l2, tf.sum(tf.square(p.variable))));
  }
  return terms.length === 0 ? null : (tf.addN(terms) as tf.Scalar);
}

/** PyTorch clip_grad_norm_ (coefficient maxNorm/(norm + 1e-6), capped at 1) or clip_grad_value_. */
function clip(
  gradients: tf.Tensor[],
  squares: tf.Scalar[],
  clipping: GradientClipping,
): tf.Tensor[] {
  switch (clipping.kind) {
    case 'none':
      return gradients;
    case 'globalNorm': {
      const norm = tf.sqrt(tf.addN(squares));
      const coefficient = tf.minimum(1, tf.div(clipping.maxNorm, tf.add(norm, 1e-6)));
      return gradients.map((g) => tf.mul(g, coefficient));
    }
    case 'value':
      return gradients.map((g) => tf.clipByValue(g, -clipping.maxValue, clipping.maxValue));
  }
}

/** Keras moving averages (moving·m + batch·(1 − m)); the variance enters unbiased, as in PyTorch. */
function updateMovingStatistics(stats: readonly BatchStatistics[]): void {
  for (const { step, mean, variance, count } of stats) {
    const { movingMean, movingVariance } = batchNormWeights(step.layer);
    const m = step.momentum;
    const unbiased = count > 1 ? tf.mul(variance, count / (count - 1)) : variance;
    movingMean.assign(tf.add(tf.mul(movingMean, m), tf.mul(mean, 1 - m)));
    movingVariance.assign(tf.add(tf.mul(movingVariance, m), tf.mul(unbiased, 1 - m)));
  }
}

/**
 * One optimisation step on a batch: gradients of data loss + weight penalties, clipping, annealed
 * noise, the optimizer update at rate `lr`, moving batch-norm statistics. Gradient norms are those
 * of the raw gradients, before clipping and noise, so an explosion shows where it happens.
 */
export async function trainStep(
  setup: StepSetup,
  x: tf.Tensor,
  y: tf.Tensor,
  lr: number,
  globalStep: number,
  seeds: StepSeeds,
): Promise<StepOutcome> {
  const { network, parameters, optimizer } = setup;
  const held: tf.Tensor[] = [];
  const hold = <T extends tf.Tensor>(t: T): T => {
    held.push(tf.keep(t));
    return t;
  };
  let batchStatistics: BatchStatistics[] = [];
  let data: tf.Scalar | undefined;
  let output: tf.Tensor | undefined;
  const variables = parameters.map((p) => p.variable);
  const { grads, value } = tf.variableGrads(() => {
    const pass = trainingPass(network, x, seeds.dropout);
    output = hold(pass.output);
    batchStatistics = pass.batchStatistics.map((s) => ({
      ...s,
      mean: hold(s.mean),
      variance: hold(s.variance),
    }));
    data = hold(dataLoss(setup.loss, pass.output, y, setup.folded));
    const extra = penalty(parameters);
    return extra === null ? data : tf.add(data, extra);
  }, variables);
  held.push(value);

  try {
    const readback = tf.tidy(() => {
      const gradients = variables.map((v) => {
        const g = grads[v.name];
        if (g === undefined) throw new Error(`no gradient for ${v.name}`);
        return g;
      });
      // The optimizer reports the norms of the gradients it is given; clipping or noise change
      // those, and the monitor wants the raw ones.
      const transforms = setup.clipping.kind !== 'none' || setup.noise !== null;
      const rawSquares = transforms ? gradients.map((g) => tf.sum(tf.square(g)) as tf.Scalar) : [];
      let transformed = clip(gradients, rawSquares, setup.clipping);
      if (setup.noise !== null) {
        const sd = Math.sqrt(gradientNoiseVariance(setup.noise.eta, setup.noise.gamma, globalStep));
        transformed = transformed.map((g) =>
          tf.add(g, tf.randomNormal(g.shape, 0, sd, 'float32', seeds.noise())),
        );
      }
      const squares = optimizer.apply(transformed, lr);
      updateMovingStatistics(batchStatistics);
      return {
        scalars: tf.concat([
          tf.reshape(data as tf.Scalar, [1]),
          ...squares,
          ...rawSquares.map((s) => tf.reshape(s, [1])),
        ]),
        predictions: predictions(setup.loss, output as tf.Tensor, setup.folded),
      };
    });
    // Asynchronous reads: a GPU backend (webgpu) cannot read its buffers back synchronously.
    const [scalars, batchPredictions] = (await Promise.all([
      readback.scalars.data(),
      readback.predictions.data(),
    ])) as [Float32Array, Float32Array];
    tf.dispose([readback.scalars, readback.predictions]);
    const n = variables.length;
    // [loss, then Σg², Σ(Δp)², Σp′² per variable, then the raw Σg² when the gradients were transformed]
    const perVariable = (k: number) =>
      Float64Array.from({ length: n }, (_, v) => scalars[1 + 3 * v + k] as number);
    return {
      loss: scalars[0] as number,
      gradientSquares:
        scalars.length > 1 + 3 * n
          ? Float64Array.from(scalars.subarray(1 + 3 * n, 1 + 4 * n))
          : perVariable(0),
      updateSquares: perVariable(1),
      weightSquares: perVariable(2),
      predictions: batchPredictions,
    };
  } finally {
    tf.dispose(held);
    tf.dispose(grads);
  }
}
