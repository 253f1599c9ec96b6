import type { DataFacts } from './datasets';
import { knownFacts } from './facts';
import type { Layer, LayerType } from './model';
import type { ResolvedSpec } from './spec';

/**
 * Output shapes and parameter counts of a layer stack, channels-last and without the batch
 * dimension, with Keras/TF.js semantics (so the trainer can cross-check `model.countParams()`).
 * Batch norm keeps 4 numbers per channel: γ and β are trained, the moving mean and variance are
 * not. A frozen layer's parameters all count as non-trainable.
 */

export interface LayerShape {
  index: number;
  type: LayerType;
  outputShape: number[];
  params: number;
  trainableParams: number;
}

/** Why a layer cannot take the shape it receives; `field` is the layer field at fault, if any. */
export interface ShapeProblem {
  layerIndex: number;
  field: string;
  message: string;
}

export interface ModelShape {
  inputShape: number[];
  /** Every layer up to, not including, the first one that cannot take its input. */
  layers: LayerShape[];
  problem: ShapeProblem | null;
  /** The model's output shape; null when a layer cannot take its input. */
  outputShape: number[] | null;
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

type Step =
  { outputShape: number[]; params: number; trainable: number } | { problem: string; field: string };

const describeShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const product = (shape: readonly number[]) => shape.reduce((total, size) => total * size, 1);

function reshapeHint(shape: readonly number[]): string {
  const size = product(shape);
  const side = Math.round(Math.sqrt(size));
  const target = side * side === size ? `[${side}, ${side}, 1]` : '[height, width, channels]';
  return `add { "type": "reshape", "targetShape": ${target} } before it`;
}

/** Keras output length along one axis for "valid" and "same" padding. */
function outputLength(
  size: number,
  window: number,
  stride: number,
  padding: 'valid' | 'same',
): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

function spatial(
  what: string,
  input: readonly number[],
  window: readonly [number, number],
  strides: readonly [number, number],
  padding: 'valid' | 'same',
  windowField: string,
): { height: number; width: number } | { problem: string; field: string } {
  if (input.length !== 3) {
    return {
      field: 'type',
      problem:
        input.length === 1
          ? `${what} needs an image input [height, width, channels] but receives a flat vector ${describeShape(input)}; ${reshapeHint(input)}`
          : `${what} needs an input of shape [height, width, channels] but receives ${describeShape(input)}`,
    };
  }
  const [height = 0, width = 0] = input;
  if (padding === 'valid' && (window[0] > height || window[1] > width)) {
    return {
      field: windowField,
      problem: `must fit the ${height}×${width} input it receives (padding "valid"); use a smaller window or padding "same"`,
    };
  }
  return {
    height: outputLength(height, window[0], strides[0], padding),
    width: outputLength(width, window[1], strides[1], padding),
  };
}

function layerStep(layer: Layer, input: readonly number[]): Step {
  switch (layer.type) {
    case 'dense': {
      if (input.length !== 1) {
        return {
          field: 'type',
          problem: `dense needs a flat input but receives ${describeShape(input)}; add { "type": "flatten" } before it`,
        };
      }
      const params = (input[0] ?? 0) * layer.units + (layer.useBias ? layer.units : 0);
      return { outputShape: [layer.units], params, trainable: params };
    }
    case 'conv2d': {
      const out = spatial(
        'conv2d',
        input,
        layer.kernelSize,
        layer.strides,
        layer.padding,
        'kernelSize',
      );
      if ('problem' in out) return out;
      const channels = input[2] ?? 0;
      const params =
        layer.kernelSize[0] * layer.kernelSize[1] * channels * layer.filters +
        (layer.useBias ? layer.filters : 0);
      return { outputShape: [out.height, out.width, layer.filters], params, trainable: params };
    }
    case 'maxPool2d': {
      const out = spatial(
        'maxPool2d',
        input,
        layer.poolSize,
        layer.strides,
        layer.padding,
        'poolSize',
      );
      if ('problem' in out) return out;
      return { outputShape: [out.height, out.width, input[2] ?? 0], params: 0, trainable: 0 };
    }
    case 'flatten':
      return { outputShape: [product(input)], params: 0, trainable: 0 };
    case 'reshape': {
      if (product(layer.targetShape) !== product(input)) {
        return {
          field: 'targetShape',
          problem: `must hold the ${product(input)} values of its input ${describeShape(input)}, but ${describeShape(layer.targetShape)} holds ${product(layer.targetShape)}`,
        };
      }
      return { outputShape: [...layer.targetShape], params: 0, trainable: 0 };
    }
    case 'batchNorm': {
      const channels = input.at(-1) ?? 0;
      return { outputShape: [...input], params: 4 * channels, trainable: 2 * channels };
    }
    case 'dropout':
    case 'activation':
      return { outputShape: [...input], params: 0, trainable: 0 };
  }
}

export function inferModelShape(
  layers: readonly Layer[],
  inputShape: readonly number[],
): ModelShape {
  const shapes: LayerShape[] = [];
  let current = [...inputShape];
  let problem: ShapeProblem | null = null;
  for (const [index, layer] of layers.entries()) {
    const step = layerStep(layer, current);
    if ('problem' in step) {
      problem = { layerIndex: index, field: step.field, message: step.problem };
      break;
    }
    if (step.outputShape.some((size) => size < 1)) {
      problem = {
        layerIndex: index,
        field: 'type',
        message: `would output ${describeShape(step.outputShape)} from its input ${describeShape(current)}: the input is too small for it`,
      };
      break;
    }
    current = step.outputShape;
    shapes.push({
      index,
      type: layer.type,
      outputShape: step.outputShape,
      params: step.params,
      trainableParams: layer.frozen ? 0 : step.trainable,
    });
  }
  const totalParams = shapes.reduce((total, shape) => total + shape.params, 0);
  const trainableParams = shapes.reduce((total, shape) => total + shape.trainableParams, 0);
  return {
    inputShape: [...inputShape],
    layers: shapes,
    problem,
    outputShape: problem === null ? current : null,
    totalParams,
    trainableParams,
    nonTrainableParams: totalParams - trainableParams,
  };
}

/** The model's shapes for a resolved spec, or null while the data's input shape is unknown. */
export function specModelShape(spec: ResolvedSpec, facts?: DataFacts): ModelShape | null {
  const { inputShape } = knownFacts(spec.data, facts);
  return inputShape === null ? null : inferModelShape(spec.model.layers, inputShape);
}
