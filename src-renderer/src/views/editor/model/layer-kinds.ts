import type { LayerInput, LayerType } from '@shared/experiment/model';

export const layerLabels: Record<LayerType, string> = {
  dense: 'Dense',
  conv2d: 'Conv 2D',
  maxPool2d: 'Max pool 2D',
  flatten: 'Flatten',
  reshape: 'Reshape',
  dropout: 'Dropout',
  batchNorm: 'Batch norm',
  activation: 'Activation',
};

/** A new layer of a type, with the settings a person most often starts from. */
export function newLayer(type: LayerType): LayerInput {
  switch (type) {
    case 'dense':
      return { type, units: 16, activation: 'relu' };
    case 'conv2d':
      return { type, filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' };
    case 'maxPool2d':
      return { type, poolSize: 2 };
    case 'flatten':
      return { type };
    case 'reshape':
      return { type, targetShape: [28, 28, 1] };
    case 'dropout':
      return { type, rate: 0.2 };
    case 'batchNorm':
      return { type };
    case 'activation':
      return { type, activation: 'relu' };
  }
}

/** The layer's type as written, or null when it names none. */
export function typeOf(layer: unknown): string | null {
  return layer !== null &&
    typeof layer === 'object' &&
    'type' in layer &&
    typeof layer.type === 'string'
    ? layer.type
    : null;
}
