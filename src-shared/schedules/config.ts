import { z } from 'zod';

/**
 * Learning-rate schedule settings as stored in an ExperimentSpec. The base learning rate is not
 * here: it belongs to the optimizer, and every schedule scales or replaces it from step 0 on.
 * Lengths (stepSize, tMax, t0, warmup.duration, ...) count schedule steps, i.e. epochs or batches
 * depending on `stepUnit`.
 */

const positiveNumber = () =>
  z
    .number({ error: 'must be a number > 0' })
    .gt(0, { error: 'must be a number > 0' })
    .finite({ error: 'must be a number > 0' });

const nonNegativeNumber = () =>
  z
    .number({ error: 'must be a number ≥ 0' })
    .min(0, { error: 'must be a number ≥ 0' })
    .finite({ error: 'must be a number ≥ 0' });

const factorBelowOne = () =>
  z
    .number({ error: 'must be a number > 0 and < 1' })
    .gt(0, { error: 'must be a number > 0 and < 1' })
    .lt(1, { error: 'must be a number > 0 and < 1' });

const wholeNumberAtLeast = (min: number) =>
  z
    .number({ error: `must be a whole number ≥ ${min}` })
    .int({ error: `must be a whole number ≥ ${min}` })
    .min(min, { error: `must be a whole number ≥ ${min}` });

export const stepUnitSchema = z.enum(['batch', 'epoch'], {
  error: 'must be "batch" or "epoch"',
});
export type StepUnit = z.infer<typeof stepUnitSchema>;

/**
 * Linear warmup with PyTorch `LinearLR` semantics: the rate climbs from startFactor·lr to lr over
 * `duration` steps, then the main schedule starts from its own step 0 (as `SequentialLR` chains them).
 */
export const warmupSchema = z.strictObject({
  duration: wholeNumberAtLeast(1),
  startFactor: z
    .number({ error: 'must be a number > 0 and ≤ 1' })
    .gt(0, { error: 'must be a number > 0 and ≤ 1' })
    .max(1, { error: 'must be a number > 0 and ≤ 1' })
    .default(1 / 3),
});
export type WarmupConfig = z.infer<typeof warmupSchema>;

const common = {
  stepUnit: stepUnitSchema.default('epoch'),
  warmup: warmupSchema.optional(),
};

export const constantScheduleSchema = z.strictObject({ kind: z.literal('constant'), ...common });

/** PyTorch StepLR: lr·gamma^⌊k/stepSize⌋. */
export const stepScheduleSchema = z.strictObject({
  kind: z.literal('step'),
  ...common,
  stepSize: wholeNumberAtLeast(1).default(30),
  gamma: positiveNumber().default(0.1),
});

/** PyTorch ExponentialLR: lr·gamma^k. */
export const exponentialScheduleSchema = z.strictObject({
  kind: z.literal('exponential'),
  ...common,
  gamma: positiveNumber().default(0.95),
});

/** 1/t decay: lr/(1 + decayRate·k). */
export const inverseTimeScheduleSchema = z.strictObject({
  kind: z.literal('inverseTime'),
  ...common,
  decayRate: positiveNumber().default(0.1),
});

/** (1 − k/τ)·lr + (k/τ)·finalLr until step τ, then finalLr. Omitting tau means the whole run. */
export const linearScheduleSchema = z.strictObject({
  kind: z.literal('linear'),
  ...common,
  tau: wholeNumberAtLeast(1).optional(),
  finalLr: nonNegativeNumber().default(0),
});

/** PyTorch CosineAnnealingLR (periodic past tMax, as in PyTorch). Omitting tMax means the whole run. */
export const cosineScheduleSchema = z.strictObject({
  kind: z.literal('cosine'),
  ...common,
  tMax: wholeNumberAtLeast(1).optional(),
  etaMin: nonNegativeNumber().default(0),
});

/**
 * PyTorch CyclicLR between the optimizer's learning rate (PyTorch's base_lr) and maxLr.
 * stepSizeDown defaults to stepSizeUp; gamma is used by exp_range only.
 */
export const cyclicScheduleSchema = z.strictObject({
  kind: z.literal('cyclic'),
  ...common,
  mode: z
    .enum(['triangular', 'triangular2', 'exp_range'], {
      error: 'must be "triangular", "triangular2" or "exp_range"',
    })
    .default('triangular'),
  maxLr: positiveNumber(),
  stepSizeUp: wholeNumberAtLeast(1).default(4),
  stepSizeDown: wholeNumberAtLeast(1).optional(),
  gamma: positiveNumber().default(1),
});

/** PyTorch CosineAnnealingWarmRestarts: cycles of t0, t0·tMult, t0·tMult², ... steps. */
export const cosineWarmRestartsScheduleSchema = z.strictObject({
  kind: z.literal('cosineWarmRestarts'),
  ...common,
  t0: wholeNumberAtLeast(1).default(10),
  tMult: wholeNumberAtLeast(1).default(1),
  etaMin: nonNegativeNumber().default(0),
});

/** PyTorch ReduceLROnPlateau; it reacts to an epoch's metric, so it always steps per epoch. */
export const reduceOnPlateauScheduleSchema = z.strictObject({
  kind: z.literal('reduceOnPlateau'),
  stepUnit: z
    .literal('epoch', { error: 'must be "epoch" (plateaus are judged once per epoch)' })
    .default('epoch'),
  warmup: warmupSchema.optional(),
  monitor: z
    .string({ error: 'must be a metric name' })
    .min(1, { error: 'must be a metric name' })
    .default('val.loss'),
  mode: z.enum(['min', 'max'], { error: 'must be "min" or "max"' }).default('min'),
  factor: factorBelowOne().default(0.1),
  patience: wholeNumberAtLeast(0).default(10),
  threshold: nonNegativeNumber().default(1e-4),
  thresholdMode: z.enum(['rel', 'abs'], { error: 'must be "rel" or "abs"' }).default('rel'),
  cooldown: wholeNumberAtLeast(0).default(0),
  minLr: nonNegativeNumber().default(0),
  eps: nonNegativeNumber().default(1e-8),
});

export const scheduleConfigSchema = z.discriminatedUnion(
  'kind',
  [
    constantScheduleSchema,
    stepScheduleSchema,
    exponentialScheduleSchema,
    inverseTimeScheduleSchema,
    linearScheduleSchema,
    cosineScheduleSchema,
    cyclicScheduleSchema,
    cosineWarmRestartsScheduleSchema,
    reduceOnPlateauScheduleSchema,
  ],
  {
    error:
      'must be "constant", "step", "exponential", "inverseTime", "linear", "cosine", "cyclic", "cosineWarmRestarts" or "reduceOnPlateau"',
  },
);

/** A fully defaulted schedule config (what `scheduleConfigSchema.parse` returns). */
export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;
/** A schedule config as written by a person, defaults still to fill. */
export type ScheduleConfigInput = z.input<typeof scheduleConfigSchema>;
export type ScheduleKind = ScheduleConfig['kind'];
