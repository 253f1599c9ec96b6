import { layerKind, weightSettings } from '../layer-kinds';
import type { Layer } from '../model';
import { specProblem, type SpecProblem } from '../problems';
import { inferModelShape } from '../shapes';
import { leadingSoundLayers, type CheckContext } from './context';

const hasWeights = (layer: Layer) => weightSettings(layer) !== null;

/** Shapes flow from the data's input shape through every layer. */
function shapeProblems(layers: readonly Layer[], inputShape: readonly number[]): SpecProblem[] {
  const { problem } = inferModelShape(layers, inputShape);
  if (problem === null) return [];
  const layer = layers[problem.layerIndex] as Record<string, unknown> | undefined;
  return [
    specProblem(
      'error',
      ['model', 'layers', problem.layerIndex, problem.field],
      problem.message,
      layer?.[problem.field],
    ),
  ];
}

/**
 * A linear dense layer followed by another dense layer (with only dropout or batch norm between)
 * collapses into one linear map: the extra layer adds parameters and no capacity.
 */
function linearStackProblems(layers: readonly Layer[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const [index, layer] of layers.entries()) {
    if (layer.type !== 'dense' || layer.activation.kind !== 'linear') continue;
    const next = layers
      .slice(index + 1)
      .find((later) => later.type !== 'dropout' && later.type !== 'batchNorm');
    if (next?.type !== 'dense') continue;
    problems.push(
      specProblem(
        'warning',
        ['model', 'layers', index, 'activation'],
        `is linear, so this layer and the dense layer after it compute a single linear map: give it a nonlinearity such as relu`,
        layer.activation,
      ),
    );
  }
  return problems;
}

/** Freezing keeps weights as loaded, which only makes sense when they are loaded. */
function frozenProblems(layers: readonly Layer[], warmStart: boolean): SpecProblem[] {
  const weighted = [...layers.entries()].filter(([, layer]) => hasWeights(layer));
  if (weighted.length > 0 && weighted.every(([, layer]) => layer.frozen)) {
    return [
      specProblem(
        'error',
        ['model', 'layers'],
        'has every layer with weights frozen, so nothing would train: unfreeze at least the output layer',
        `${weighted.length} frozen layers`,
      ),
    ];
  }
  if (warmStart) return [];
  return layers.flatMap((layer, index) =>
    layer.frozen && layerKind(layer).freezable
      ? [
          specProblem(
            'warning',
            ['model', 'layers', index, 'frozen'],
            'keeps this layer at its random initial weights: freeze layers loaded from a checkpoint (model.warmStart)',
            true,
          ),
        ]
      : [],
  );
}

/** Shapes and stacking over the layers that parse; freezing once the whole model parses. */
export function modelChecks(context: CheckContext): SpecProblem[] {
  const layers = leadingSoundLayers(context);
  const inputShape = context.facts?.inputShape ?? null;
  const model = context.sections.model;
  return [
    ...(inputShape === null ? [] : shapeProblems(layers, inputShape)),
    ...linearStackProblems(layers),
    ...(model === undefined ? [] : frozenProblems(model.layers, model.warmStart !== null)),
  ];
}
