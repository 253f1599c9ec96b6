import { z } from 'zod';
import { scheduleConfigSchema } from '../schedules/config';
import {
  flag,
  listChoices,
  oneOf,
  openUnitInterval,
  positiveNumber,
  rateBelowOne,
  wholeNumberAtLeast,
} from './fields';
import type { Task } from './datasets';

export const lossKinds = [
  'categoricalCrossentropy',
  'binaryCrossentropy',
  'mse',
  'mae',
  'huber',
  'poisson',
] as const;
export type LossKind = (typeof lossKinds)[number];

const lossChoices = `must be "auto" or one of ${listChoices(lossKinds)}`;

/**
 * Cross-entropies take probabilities (softmax / sigmoid outputs). `poisson` takes the log-rate
 * from a linear output, as PyTorch's `PoissonNLLLoss(log_input=True)`: exp(ŷ) − y·ŷ.
 * `huber.delta` is where the loss turns from quadratic to linear.
 */
const lossObjectSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('categoricalCrossentropy') }),
    z.strictObject({ kind: z.literal('binaryCrossentropy') }),
    z.strictObject({ kind: z.literal('mse') }),
    z.strictObject({ kind: z.literal('mae') }),
    z.strictObject({ kind: z.literal('huber'), delta: positiveNumber().default(1) }),
    z.strictObject({ kind: z.literal('poisson') }),
  ],
  { error: lossChoices },
);
export type Loss = z.infer<typeof lossObjectSchema>;

/** `"auto"` stays until the task is known (see `resolve`), then becomes `defaultLossFor(task)`. */
export const lossSchema = z.preprocess(
  (value) =>
    typeof value === 'string' &&
    value !== 'auto' &&
    (lossKinds as readonly string[]).includes(value)
      ? { kind: value }
      : value,
  z.union([z.literal('auto'), lossObjectSchema], { error: lossChoices }),
);
export type LossSetting = z.infer<typeof lossSchema>;

export function defaultLossFor(task: Task): Loss {
  switch (task) {
    case 'binary':
      return { kind: 'binaryCrossentropy' };
    case 'multiclass':
      return { kind: 'categoricalCrossentropy' };
    case 'regression':
      return { kind: 'mse' };
    case 'count':
      return { kind: 'poisson' };
  }
}

const learningRate = (fallback: number) => positiveNumber().default(fallback);
const beta = () => rateBelowOne();

/**
 * Optimizers with their own default learning rate. Other defaults follow the papers and PyTorch
 * (Adam ε = 1e-8), except RMSprop's ρ = 0.9 (Hinton's lecture value, as in Keras). AdamW with
 * `decoupled: true` shrinks weights by lr·weightDecay outside the adaptive step (Loshchilov &
 * Hutter); `false` adds weightDecay·w to the gradient (Adam with L2).
 */
export const optimizerSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('sgd'), learningRate: learningRate(0.01) }),
    z.strictObject({
      kind: z.literal('momentum'),
      learningRate: learningRate(0.01),
      momentum: beta().default(0.9),
      nesterov: flag().default(false),
    }),
    z.strictObject({
      kind: z.literal('adagrad'),
      learningRate: learningRate(0.01),
      initialAccumulatorValue: z
        .number({ error: 'must be a number ≥ 0' })
        .min(0, { error: 'must be a number ≥ 0' })
        .default(0),
      epsilon: positiveNumber().default(1e-10),
    }),
    z.strictObject({
      kind: z.literal('rmsprop'),
      learningRate: learningRate(0.001),
      rho: openUnitInterval().default(0.9),
      momentum: beta().default(0),
      epsilon: positiveNumber().default(1e-8),
      centered: flag().default(false),
    }),
    z.strictObject({
      kind: z.literal('adam'),
      learningRate: learningRate(0.001),
      beta1: beta().default(0.9),
      beta2: beta().default(0.999),
      epsilon: positiveNumber().default(1e-8),
    }),
    z.strictObject({
      kind: z.literal('adamw'),
      learningRate: learningRate(0.001),
      beta1: beta().default(0.9),
      beta2: beta().default(0.999),
      epsilon: positiveNumber().default(1e-8),
      weightDecay: z
        .number({ error: 'must be a number ≥ 0' })
        .min(0, { error: 'must be a number ≥ 0' })
        .default(0.01),
      decoupled: flag().default(true),
    }),
    /**
     * torch.optim.LBFGS, full batch only: each epoch is one PyTorch step of up to `maxIterations`
     * quasi-Newton iterations, with the strong-Wolfe line search unless `lineSearch` is "none".
     * Fits small data and a smooth, deterministic loss.
     */
    z.strictObject({
      kind: z.literal('lbfgs'),
      learningRate: learningRate(1),
      historySize: wholeNumberAtLeast(1).default(100),
      maxIterations: wholeNumberAtLeast(1).default(20),
      /** Stop when every gradient component is at most this (PyTorch's tolerance_grad). */
      tolerance: positiveNumber().default(1e-7),
      /** Stop when the loss or the step changes less than this (PyTorch's tolerance_change). */
      toleranceChange: positiveNumber().default(1e-9),
      lineSearch: oneOf(['strongWolfe', 'none']).default('strongWolfe'),
    }),
  ],
  {
    error:
      'must be an optimizer whose "kind" is "sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw" or "lbfgs"',
  },
);
export type OptimizerConfig = z.infer<typeof optimizerSchema>;
export type OptimizerKind = OptimizerConfig['kind'];

/**
 * What is minimised and how. The schedule scales `optimizer.learningRate` (see
 * schedules/config.ts); a snapshot ensemble or SWA replaces it for their phases (see strategy).
 */
export const optimizationSchema = z.strictObject({
  loss: lossSchema.default('auto'),
  optimizer: optimizerSchema.prefault({ kind: 'adam' }),
  schedule: scheduleConfigSchema.prefault({ kind: 'constant' }),
});
export type OptimizationConfig = z.infer<typeof optimizationSchema>;
