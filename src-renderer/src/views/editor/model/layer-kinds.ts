import { LAYER_KINDS } from '@shared/experiment/layer-kinds';
import { layerTypes, type LayerInput, type LayerType } from '@shared/experiment/model';

/** A new layer of a type: a copy of its starter, so editing it leaves the table as it is. */
export function newLayer(type: LayerType): LayerInput {
  return structuredClone(LAYER_KINDS[type].starter);
}

/** The editor's name for a layer type; a type Basin does not know is shown as written. */
export function layerLabel(type: string): string {
  return isLayerType(type) ? LAYER_KINDS[type].label : type;
}

export function isLayerType(type: string): type is LayerType {
  return (layerTypes as readonly string[]).includes(type);
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
