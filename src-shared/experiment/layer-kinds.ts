import type { Activation } from './activation';
import type { DenseLayer, Layer, LayerInput, LayerType } from './model';
import { describeShape, product, sameShape, spatial, type ShapeStep } from './shape-rules';

/** The layer of one type, as parsed, and as a person may write it. */
export type LayerOf<T extends LayerType> = Extract<Layer, { type: T }>;
export type LayerInputOf<T extends LayerType> = Extract<LayerInput, { type: T }>;

/** The settings of a layer with a kernel and a bias. */
export type WeightSettings = Pick<
  DenseLayer,
  'kernelInitializer' | 'biasInitializer' | 'useBias' | 'l1' | 'l2'
>;

/** What a layer is to the output checks, which read the stack back from its end. */
export type OutputRole =
  | { role: 'output'; layer: DenseLayer }
  | { role: 'activation'; activation: Activation }
  | { role: 'dropout' }
  | { role: 'none' };

/**
 * Everything Basin decides per layer type outside TF.js, in one entry per type (the trainer's
 * TF.js side is `trainer/model/tfjs-layer-kinds.ts`, keyed the same way). Both tables are typed
 * over every `LayerType`, so a new type fails to compile until each has its entry.
 */
export interface LayerKind<T extends LayerType> {
  /** The editor's name for the type. */
  label: string;
  /** A new layer of the type, with the settings a person most often starts from. */
  starter: LayerInputOf<T>;
  /** Whether freezing keeps something as loaded: weights, or batch norm's statistics. */
  freezable: boolean;
  /** The kernel and bias settings of a weighted layer; null for a type without weights. */
  weights(layer: LayerOf<T>): WeightSettings | null;
  /** The output shape and parameter counts for an input shape, or why it cannot take it. */
  shape(layer: LayerOf<T>, input: readonly number[]): ShapeStep;
  outputRole(layer: LayerOf<T>): OutputRole;
}

/** A type without weights or statistics to keep, which cannot end the model. */
const PLAIN = {
  freezable: false,
  weights: () => null,
  outputRole: (): OutputRole => ({ role: 'none' }),
};
const weightsOf = (layer: WeightSettings): WeightSettings => layer;

export const LAYER_KINDS: { [T in LayerType]: LayerKind<T> } = {
  dense: {
    label: 'Dense',
    starter: { type: 'dense', units: 16, activation: 'relu' },
    freezable: true,
    weights: weightsOf,
    shape(layer, input) {
      if (input.length !== 1) {
        return {
          field: 'type',
          problem: `dense needs a flat input but receives ${describeShape(input)}; add { "type": "flatten" } before it`,
        };
      }
      const params = (input[0] ?? 0) * layer.units + (layer.useBias ? layer.units : 0);
      return { outputShape: [layer.units], params, trainable: params };
    },
    outputRole: (layer) => ({ role: 'output', layer }),
  },
  conv2d: {
    label: 'Conv 2D',
    starter: { type: 'conv2d', filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' },
    freezable: true,
    weights: weightsOf,
    shape(layer, input) {
      const { kernelSize, strides, padding, filters } = layer;
      const out = spatial('conv2d', input, kernelSize, strides, padding, 'kernelSize');
      if ('problem' in out) return out;
      const channels = input[2] ?? 0;
      const params =
        kernelSize[0] * kernelSize[1] * channels * filters + (layer.useBias ? filters : 0);
      return { outputShape: [out.height, out.width, filters], params, trainable: params };
    },
    outputRole: PLAIN.outputRole,
  },
  maxPool2d: {
    label: 'Max pool 2D',
    starter: { type: 'maxPool2d', poolSize: 2 },
    ...PLAIN,
    shape(layer, input) {
      const { poolSize, strides, padding } = layer;
      const out = spatial('maxPool2d', input, poolSize, strides, padding, 'poolSize');
      if ('problem' in out) return out;
      return { outputShape: [out.height, out.width, input[2] ?? 0], params: 0, trainable: 0 };
    },
  },
  flatten: {
    label: 'Flatten',
    starter: { type: 'flatten' },
    ...PLAIN,
    shape: (_layer, input) => ({ outputShape: [product(input)], params: 0, trainable: 0 }),
  },
  reshape: {
    label: 'Reshape',
    starter: { type: 'reshape', targetShape: [28, 28, 1] },
    ...PLAIN,
    shape({ targetShape }, input) {
      if (product(targetShape) !== product(input)) {
        return {
          field: 'targetShape',
          problem: `must hold the ${product(input)} values of its input ${describeShape(input)}, but ${describeShape(targetShape)} holds ${product(targetShape)}`,
        };
      }
      return { outputShape: [...targetShape], params: 0, trainable: 0 };
    },
  },
  dropout: {
    label: 'Dropout',
    starter: { type: 'dropout', rate: 0.2 },
    ...PLAIN,
    shape: (_layer, input) => sameShape(input),
    outputRole: () => ({ role: 'dropout' }),
  },
  batchNorm: {
    label: 'Batch norm',
    starter: { type: 'batchNorm' },
    ...PLAIN,
    freezable: true,
    shape(_layer, input) {
      // γ and β are trained; the moving mean and variance are not.
      const channels = input.at(-1) ?? 0;
      return { outputShape: [...input], params: 4 * channels, trainable: 2 * channels };
    },
  },
  activation: {
    label: 'Activation',
    starter: { type: 'activation', activation: 'relu' },
    ...PLAIN,
    shape: (_layer, input) => sameShape(input),
    outputRole: (layer) => ({ role: 'activation', activation: layer.activation }),
  },
};

/**
 * The entry for a layer's own type. TypeScript cannot see that the entry looked up by a layer's type
 * takes that layer, so this is the one place that says so.
 */
export function layerKind(layer: Layer): LayerKind<LayerType> {
  return LAYER_KINDS[layer.type] as LayerKind<LayerType>;
}

/** A layer's kernel and bias settings, or null for a type without weights. */
export function weightSettings(layer: Layer): WeightSettings | null {
  return layerKind(layer).weights(layer);
}
