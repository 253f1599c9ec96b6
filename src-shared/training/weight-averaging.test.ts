import { describe, expect, it } from 'vitest';
import fixture from './fixtures/torch-weight-averaging.json';
import { addToEmaAverage, addToSwaAverage, type WeightAverage } from './weight-averaging';

function expectClose(
  actual: readonly (readonly number[])[],
  expected: readonly (readonly number[])[],
): void {
  expect(actual.map((t) => t.length)).toEqual(expected.map((t) => t.length));
  const off = expected.flatMap((tensor, t) =>
    tensor.flatMap((value, i) => {
      const got = actual[t]?.[i] as number;
      return Math.abs(got - value) <= 1e-12 * Math.max(1, Math.abs(value))
        ? []
        : [`[${t}][${i}] ${got} ≠ ${value}`];
    }),
  );
  expect(off).toEqual([]);
}

describe('weight averaging matches PyTorch AveragedModel', () => {
  it('SWA keeps the equal-weight running mean', () => {
    expect(fixture.swa).toHaveLength(fixture.snapshots.length);
    let average: WeightAverage<number[]> | null = null;
    fixture.snapshots.forEach((weights, n) => {
      average = addToSwaAverage(average, weights);
      expect(average.count).toBe(n + 1);
      expectClose(average.weights, fixture.swa[n] as number[][]);
    });
  });

  it('EMA blends with the decay after copying the first list', () => {
    expect(fixture.ema.averages).toHaveLength(fixture.snapshots.length);
    let average: WeightAverage<number[]> | null = null;
    fixture.snapshots.forEach((weights, n) => {
      average = addToEmaAverage(average, weights, fixture.ema.decay);
      expectClose(average.weights, fixture.ema.averages[n] as number[][]);
    });
  });

  it('keeps Float32Array tensors as Float32Array and leaves inputs untouched', () => {
    const first = [new Float32Array([1, 2]), new Float32Array([3])];
    const second = [new Float32Array([3, 4]), new Float32Array([5])];
    const average = addToSwaAverage(addToSwaAverage(null, first), second);
    expect(average.weights[0]).toBeInstanceOf(Float32Array);
    expect(average.weights.map((t) => Array.from(t))).toEqual([[2, 3], [4]]);
    expect(Array.from(first[0] as Float32Array)).toEqual([1, 2]);
  });

  it('names a tensor whose size does not match', () => {
    const average = addToSwaAverage(null, [[1, 2], [3]]);
    expect(() =>
      addToSwaAverage(average, [
        [1, 2],
        [3, 4],
      ]),
    ).toThrow('weight averaging: tensor 1 has 1 values in the average, received 2');
    expect(() => addToEmaAverage(average, [[1, 2], [3]], 1.5)).toThrow(
      'weight averaging: decay must be a number from 0 to 1, received 1.5',
    );
  });
});
