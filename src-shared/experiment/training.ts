import { z } from 'zod';
import { flag, nonNegativeNumber, oneOf, positiveNumber, wholeNumberAtLeast } from './fields';
import { monitorModeSchema, monitorSchema } from './metric-names';

export const seedSchema = wholeNumberAtLeast(0).max(0xffffffff, {
  error: 'must be a whole number from 0 to 4294967295',
});

export const gradientClippingSchema = z.preprocess(
  (value) => (value === 'none' ? { kind: 'none' } : value),
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('none') }),
      /** Rescales all gradients together when their joint L2 norm exceeds maxNorm. */
      z.strictObject({ kind: z.literal('globalNorm'), maxNorm: positiveNumber() }),
      /** Clamps every gradient component to [−maxValue, maxValue]. */
      z.strictObject({ kind: z.literal('value'), maxValue: positiveNumber() }),
    ],
    {
      error:
        'must be "none", { "kind": "globalNorm", "maxNorm" } or { "kind": "value", "maxValue" }',
    },
  ),
);
export type GradientClipping = z.infer<typeof gradientClippingSchema>;

/** Gaussian noise added to gradients with variance η/(1+t)^γ at step t (Neelakantan et al. 2015). */
export const gradientNoiseSchema = z.strictObject({
  eta: positiveNumber(),
  gamma: nonNegativeNumber().default(0.55),
});
export type GradientNoise = z.infer<typeof gradientNoiseSchema>;

/**
 * Keras `EarlyStopping` semantics: stop after `patience` epochs without an improvement larger than
 * `minDelta`, counting from `startEpoch`; `mode: "auto"` is resolved from the metric.
 */
export const earlyStoppingSchema = z.strictObject({
  monitor: monitorSchema.default('val.loss'),
  mode: monitorModeSchema.default('auto'),
  patience: wholeNumberAtLeast(0).default(10),
  minDelta: nonNegativeNumber().default(0),
  startEpoch: wholeNumberAtLeast(0).default(0),
  restoreBest: flag().default(true),
});
export type EarlyStopping = z.infer<typeof earlyStoppingSchema>;

export const backendPreferences = [
  'auto',
  'tensorflow-gpu',
  'webgpu',
  'tensorflow',
  'wasm',
  'cpu',
] as const;
export type BackendPreference = (typeof backendPreferences)[number];

/**
 * `seed` drives initialisation, shuffling, dropout and noise; restarts derive theirs from it.
 * `deterministic` asks the trainer for bit-reproducible kernels where the backend has a choice.
 */
export const trainingSchema = z.strictObject({
  epochs: wholeNumberAtLeast(1).default(20),
  /** Rows per step, or "full": every training row in one batch (required by L-BFGS). */
  batchSize: z
    .union([z.literal('full'), wholeNumberAtLeast(1)], {
      error: 'must be a whole number ≥ 1 or "full"',
    })
    .default(32),
  gradientClipping: gradientClippingSchema.default({ kind: 'none' }),
  gradientNoise: gradientNoiseSchema.nullable().default(null),
  earlyStopping: earlyStoppingSchema.nullable().default(null),
  seed: seedSchema.default(0),
  deterministic: flag().default(false),
  backend: oneOf(backendPreferences).default('auto'),
});
export type TrainingConfig = z.infer<typeof trainingSchema>;

/** Rows per optimisation step: `batchSize`, or every training row when it is "full". */
export function rowsPerBatch(batchSize: TrainingConfig['batchSize'], trainRows: number): number {
  return batchSize === 'full' ? Math.max(1, trainRows) : batchSize;
}
