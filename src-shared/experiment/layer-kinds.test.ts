import { describe, expect, it } from 'vitest';
import { LAYER_KINDS, layerKind, weightSettings } from './layer-kinds';
import { layerSchema, layerTypes } from './model';

describe('the layer kinds table', () => {
  it.each(layerTypes)('starts a %s layer that parses as that type', (type) => {
    const layer = layerSchema.parse(LAYER_KINDS[type].starter);
    expect(layer.type).toBe(type);
    expect(layerKind(layer)).toBe(LAYER_KINDS[type]);
  });

  it('gives every type its own label', () => {
    const labels = layerTypes.map((type) => LAYER_KINDS[type].label);
    expect(new Set(labels).size).toBe(layerTypes.length);
  });

  it('hands out weight settings for dense and conv2d only, and freezing for those and batch norm', () => {
    const starters = layerTypes.map((type) => layerSchema.parse(LAYER_KINDS[type].starter));
    expect(starters.filter((l) => weightSettings(l) !== null).map((l) => l.type)).toEqual([
      'dense',
      'conv2d',
    ]);
    expect(layerTypes.filter((type) => LAYER_KINDS[type].freezable)).toEqual([
      'dense',
      'conv2d',
      'batchNorm',
    ]);
  });
});
