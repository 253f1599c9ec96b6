import { z } from 'zod';
import { listChoices, nonNegativeNumber, positiveNumber } from './fields';

/**
 * Activations and initializers are objects with a `kind` (parameters beside it) so a parametrised
 * one stays one value; a bare name is accepted as shorthand where every parameter has a default
 * (`"relu"`, `"leakyRelu"` → `{ "kind": "leakyRelu", "alpha": 0.01 }`).
 */
function withShorthand<T extends z.ZodType>(shorthandKinds: readonly string[], schema: T) {
  return z.preprocess(
    (value) =>
      typeof value === 'string' && shorthandKinds.includes(value) ? { kind: value } : value,
    schema,
  );
}

export const activationKinds = [
  'relu',
  'leakyRelu',
  'elu',
  'gelu',
  'sigmoid',
  'tanh',
  'softmax',
  'linear',
] as const;
export type ActivationKind = (typeof activationKinds)[number];

const activationChoices = `must be one of ${listChoices(activationKinds)}`;

export const activationSchema = withShorthand(
  activationKinds,
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('relu') }),
      /** Slope for x < 0; 0.01 as in PyTorch and Maas et al. (TF.js defaults to 0.3). */
      z.strictObject({ kind: z.literal('leakyRelu'), alpha: nonNegativeNumber().default(0.01) }),
      z.strictObject({ kind: z.literal('elu'), alpha: positiveNumber().default(1) }),
      z.strictObject({ kind: z.literal('gelu') }),
      z.strictObject({ kind: z.literal('sigmoid') }),
      z.strictObject({ kind: z.literal('tanh') }),
      z.strictObject({ kind: z.literal('softmax') }),
      z.strictObject({ kind: z.literal('linear') }),
    ],
    { error: activationChoices },
  ),
);
export type Activation = z.infer<typeof activationSchema>;

export const initializerKinds = [
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'orthogonal',
  'torchDefault',
  'zeros',
  'constant',
] as const;
export type InitializerKind = (typeof initializerKinds)[number];

export const initializerSchema = withShorthand(
  initializerKinds.filter((kind) => kind !== 'constant'),
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('glorotUniform') }),
      z.strictObject({ kind: z.literal('glorotNormal') }),
      z.strictObject({ kind: z.literal('heUniform') }),
      z.strictObject({ kind: z.literal('heNormal') }),
      z.strictObject({ kind: z.literal('orthogonal'), gain: positiveNumber().default(1) }),
      /**
       * PyTorch's default for nn.Linear / nn.Conv2d, to reproduce a PyTorch recipe: weights
       * kaiming_uniform_(a=√5), i.e. U(±1/√fan_in); as a bias initializer U(±1/√fan_in) with the
       * fan-in of the layer's kernel.
       */
      z.strictObject({ kind: z.literal('torchDefault') }),
      z.strictObject({ kind: z.literal('zeros') }),
      z.strictObject({
        kind: z.literal('constant'),
        value: z.number({ error: 'must be a finite number' }).finite({
          error: 'must be a finite number',
        }),
      }),
    ],
    {
      error: `must be one of ${listChoices(initializerKinds)} (constant as { "kind": "constant", "value": number })`,
    },
  ),
);
export type Initializer = z.infer<typeof initializerSchema>;
