import { describe, expect, it } from 'vitest';
import { LAYER_KINDS } from '@shared/experiment/layer-kinds';
import { layerSchema, layerTypes } from '@shared/experiment/model';
import { LAYER_FORMS } from './layer-fields';

describe('the layer settings forms', () => {
  it.each(layerTypes)('edit only fields a %s layer has', (type) => {
    const layer: Record<string, unknown> = layerSchema.parse(LAYER_KINDS[type].starter);
    const { main, more } = LAYER_FORMS[type];
    for (const field of [...main, ...more]) {
      if ('field' in field) expect(layer).toHaveProperty(field.field);
    }
  });
});
