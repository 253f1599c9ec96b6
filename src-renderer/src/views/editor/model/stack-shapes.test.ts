import { describe, expect, it } from 'vitest';
import { stackShapes } from './stack-shapes';

describe('stackShapes', () => {
  const layers = [
    { type: 'dense', units: 16, activation: 'relu' },
    { type: 'dense', units: 0 },
    { type: 'dense', units: 1, activation: 'sigmoid' },
  ];

  it('keeps the numbers of the layers above one with invalid settings', () => {
    const shapes = stackShapes(layers, [30]);
    expect(shapes.firstUnreadable).toBe(1);
    expect(shapes.model.layers.map((layer) => [layer.outputShape, layer.params])).toEqual([
      [[16], 30 * 16 + 16],
    ]);
    expect(shapes.model.totalParams).toBe(496);
  });

  it('counts the whole stack once every layer parses', () => {
    const fixed = layers.map((layer, index) => (index === 1 ? { ...layer, units: 8 } : layer));
    const shapes = stackShapes(fixed, [30]);
    expect(shapes.firstUnreadable).toBeNull();
    expect(shapes.model.outputShape).toEqual([1]);
    expect(shapes.model.totalParams).toBe(496 + 16 * 8 + 8 + 8 + 1);
  });
});
