import { describe, expect, it } from 'vitest';
import { getAt, parsePath, setAt } from './paths';

describe('setAt', () => {
  it('creates the missing parents of the path it sets', () => {
    const spec = { data: { source: { kind: 'builtin', dataset: 'spirals' } } };
    const keys = parsePath('data.source.generator.samples') ?? [];
    const written = setAt(spec, keys, 300);
    expect(written).toEqual({
      data: { source: { kind: 'builtin', dataset: 'spirals', generator: { samples: 300 } } },
    });
    expect(getAt(written, keys)).toBe(300);
    // The original is untouched.
    expect(spec.data.source).not.toHaveProperty('generator');
  });

  it('replaces a null parent, and creates arrays where the next key is an index', () => {
    expect(setAt({ generator: null }, ['generator', 'seed'], 3)).toEqual({
      generator: { seed: 3 },
    });
    expect(setAt({}, parsePath('model.layers[1].units') ?? [], 8)).toEqual({
      model: { layers: [undefined, { units: 8 }] },
    });
  });

  it('keeps the siblings of what it replaces', () => {
    const spec = { model: { layers: [{ units: 4 }, { units: 2, type: 'dense' }] } };
    expect(setAt(spec, parsePath('model.layers[1].units') ?? [], 9)).toEqual({
      model: { layers: [{ units: 4 }, { units: 9, type: 'dense' }] },
    });
  });
});
