import type { DataFacts } from './datasets';
import { knownFacts } from './facts';
import { layerKind } from './layer-kinds';
import type { Layer, LayerType } from './model';
import { describeShape } from './shape-rules';
import type { ResolvedSpec } from './spec';

/**
 * Output shapes and parameter counts of a layer stack, channels-last and without the batch
 * dimension, with Keras/TF.js semantics (so the trainer can cross-check `model.countParams()`);
 * each layer type's rule is its `shape` in layer-kinds.ts. A frozen layer's parameters all count as
 * non-trainable.
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

export function inferModelShape(
  layers: readonly Layer[],
  inputShape: readonly number[],
): ModelShape {
  const shapes: LayerShape[] = [];
  let current = [...inputShape];
  let problem: ShapeProblem | null = null;
  for (const [index, layer] of layers.entries()) {
    const step = layerKind(layer).shape(layer, current);
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
