import { describe, expect, it } from 'vitest';
import { packState, unpackState } from './state-pack';

describe('state pack', () => {
  it('round-trips typed arrays bit for bit and the numbers JSON cannot hold', () => {
    const state = {
      weights: [Float32Array.of(0.1, -0, 3.4e38, 1e-45), new Float32Array(0)],
      order: Uint32Array.of(4, 0, 4294967295),
      nested: {
        best: Number.NaN,
        low: -Infinity,
        high: Infinity,
        value: 0.30000000000000004,
        none: null,
      },
      list: [1, 'two', true],
    };
    const { json, binary } = packState(state);
    const back = unpackState(json, binary) as typeof state;
    expect(back.weights[0]).toBeInstanceOf(Float32Array);
    expect(new Uint8Array((back.weights[0] as Float32Array).buffer)).toEqual(
      new Uint8Array(state.weights[0]!.buffer),
    );
    expect(back.order).toEqual(state.order);
    expect(back.nested.best).toBeNaN();
    expect(back.nested).toMatchObject({
      low: -Infinity,
      high: Infinity,
      value: 0.30000000000000004,
      none: null,
    });
    expect(back.list).toEqual([1, 'two', true]);
  });

  it('refuses what it cannot restore', () => {
    expect(() => packState({ when: new Date(0) })).toThrow(/cannot store a \[object Date\]/);
  });
});
