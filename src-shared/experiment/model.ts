import { z } from 'zod';
import { activationSchema, initializerSchema } from './activation';
import {
  flag,
  listChoices,
  nonEmptyText,
  nonNegativeNumber,
  oneOf,
  openUnitInterval,
  positiveNumber,
  rateBelowOne,
  spatialPair,
  wholeNumberAtLeast,
} from './fields';

/** Every layer may be frozen: its weights (and batch-norm statistics) stay as loaded. */
const frozen = flag().default(false);

const weightRegularization = {
  l1: nonNegativeNumber().default(0),
  l2: nonNegativeNumber().default(0),
};

export const denseLayerSchema = z.strictObject({
  type: z.literal('dense'),
  units: wholeNumberAtLeast(1),
  activation: activationSchema.default({ kind: 'linear' }),
  kernelInitializer: initializerSchema.default({ kind: 'glorotUniform' }),
  biasInitializer: initializerSchema.default({ kind: 'zeros' }),
  useBias: flag().default(true),
  ...weightRegularization,
  frozen,
});

export const paddingSchema = oneOf(['valid', 'same']);

export const conv2dLayerSchema = z.strictObject({
  type: z.literal('conv2d'),
  filters: wholeNumberAtLeast(1),
  kernelSize: spatialPair(1),
  strides: spatialPair(1).default([1, 1]),
  padding: paddingSchema.default('valid'),
  activation: activationSchema.default({ kind: 'linear' }),
  kernelInitializer: initializerSchema.default({ kind: 'glorotUniform' }),
  biasInitializer: initializerSchema.default({ kind: 'zeros' }),
  useBias: flag().default(true),
  ...weightRegularization,
  frozen,
});

/** Strides default to the pool size (non-overlapping windows), as in Keras. */
export const maxPool2dLayerSchema = z
  .strictObject({
    type: z.literal('maxPool2d'),
    poolSize: spatialPair(1).default([2, 2]),
    strides: spatialPair(1).optional(),
    padding: paddingSchema.default('valid'),
    frozen,
  })
  .transform(({ type, poolSize, strides, padding, frozen }) => ({
    type,
    poolSize,
    strides: strides ?? poolSize,
    padding,
    frozen,
  }));

export const flattenLayerSchema = z.strictObject({ type: z.literal('flatten'), frozen });

/** Reshapes the per-example tensor, e.g. 784 features → [28, 28, 1] before a conv2d. */
export const reshapeLayerSchema = z.strictObject({
  type: z.literal('reshape'),
  targetShape: z
    .array(wholeNumberAtLeast(1), { error: 'must be a list of whole numbers ≥ 1' })
    .min(1, { error: 'must be a list of whole numbers ≥ 1' }),
  frozen,
});

export const dropoutLayerSchema = z.strictObject({
  type: z.literal('dropout'),
  rate: rateBelowOne(),
  frozen,
});

/** Keras/TF.js defaults: momentum 0.99 for the moving statistics, epsilon 1e-3. */
export const batchNormLayerSchema = z.strictObject({
  type: z.literal('batchNorm'),
  momentum: openUnitInterval().default(0.99),
  epsilon: positiveNumber().default(1e-3),
  frozen,
});

export const activationLayerSchema = z.strictObject({
  type: z.literal('activation'),
  activation: activationSchema,
  frozen,
});

export const layerTypes = [
  'dense',
  'conv2d',
  'maxPool2d',
  'flatten',
  'reshape',
  'dropout',
  'batchNorm',
  'activation',
] as const;
export type LayerType = (typeof layerTypes)[number];

export const layerSchema = z.discriminatedUnion(
  'type',
  [
    denseLayerSchema,
    conv2dLayerSchema,
    maxPool2dLayerSchema,
    flattenLayerSchema,
    reshapeLayerSchema,
    dropoutLayerSchema,
    batchNormLayerSchema,
    activationLayerSchema,
  ],
  { error: `must be a layer object whose "type" is one of ${listChoices(layerTypes)}` },
);
export type Layer = z.infer<typeof layerSchema>;
export type LayerInput = z.input<typeof layerSchema>;
export type DenseLayer = z.infer<typeof denseLayerSchema>;
export type Conv2dLayer = z.infer<typeof conv2dLayerSchema>;
export type MaxPool2dLayer = z.infer<typeof maxPool2dLayerSchema>;

/** Transfer learning: load weights from a saved checkpoint before training starts. */
export const warmStartSchema = z.strictObject({ checkpoint: nonEmptyText('path') });

/**
 * The input shape is not part of the model: it comes from the data (see `DataFacts`), so the same
 * stack can be pointed at another dataset. `outputBias: "auto"` sets the last dense layer's bias
 * from the training targets (log of the mean for counts, log-odds of the prior for binary, log class
 * priors for multiclass); `"initializer"` uses that layer's biasInitializer.
 */
export const modelSchema = z.strictObject({
  layers: z
    .array(layerSchema, { error: 'must be a list of layers' })
    .min(1, { error: 'must list at least one layer' }),
  outputBias: oneOf(['auto', 'initializer']).default('auto'),
  warmStart: warmStartSchema.nullable().default(null),
});
export type ModelConfig = z.infer<typeof modelSchema>;
