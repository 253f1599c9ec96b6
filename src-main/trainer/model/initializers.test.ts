import { describe, expect, it } from 'vitest';
import { Rng } from '@shared/random';
import { fans, initialValues } from './initializers';

function gram(values: Float32Array, rows: number, cols: number): number[][] {
  // Columns' inner products for a tall kernel, rows' for a wide one: both must be gain² · I.
  const tall = rows >= cols;
  const size = tall ? cols : rows;
  return Array.from({ length: size }, (_, a) =>
    Array.from({ length: size }, (_, b) => {
      let dot = 0;
      for (let k = 0; k < (tall ? rows : cols); k++) {
        const va = tall ? values[k * cols + a] : values[a * cols + k];
        const vb = tall ? values[k * cols + b] : values[b * cols + k];
        dot += (va as number) * (vb as number);
      }
      return dot;
    }),
  );
}

describe('initializers', () => {
  it('count fans as Keras does for dense and conv kernels', () => {
    expect(fans([784, 256])).toEqual({ fanIn: 784, fanOut: 256 });
    expect(fans([3, 3, 8, 16])).toEqual({ fanIn: 72, fanOut: 144 });
    expect(fans([10])).toEqual({ fanIn: 10, fanOut: 10 });
  });

  it.each([
    [[40, 12], 1.0],
    [[12, 40], 2.0],
    [[3, 3, 4, 36], 0.5],
  ])('make orthogonal(gain) kernels of shape %j with gain %d', (shape, gain) => {
    const values = initialValues({ kind: 'orthogonal', gain }, shape, Rng.fromSeed(3));
    const cols = shape.at(-1) as number;
    const rows = values.length / cols;
    gram(values, rows, cols).forEach((row, a) =>
      row.forEach((dot, b) => expect(dot).toBeCloseTo(a === b ? gain * gain : 0, 5)),
    );
  });

  it('keep uniform draws within the Glorot and He limits and normal draws within two standard deviations', () => {
    const shape = [50, 30];
    const glorot = Math.sqrt(6 / 80);
    for (const v of initialValues({ kind: 'glorotUniform' }, shape, Rng.fromSeed(1)))
      expect(Math.abs(v)).toBeLessThanOrEqual(glorot);
    const he = Math.sqrt(6 / 50);
    for (const v of initialValues({ kind: 'heUniform' }, shape, Rng.fromSeed(1)))
      expect(Math.abs(v)).toBeLessThanOrEqual(he);
    const sd = Math.sqrt(2 / 50) / 0.8796256610342398;
    const normal = initialValues({ kind: 'heNormal' }, shape, Rng.fromSeed(1));
    for (const v of normal) expect(Math.abs(v)).toBeLessThanOrEqual(2 * sd + 1e-6);
    const variance = normal.reduce((s, v) => s + v * v, 0) / normal.length;
    expect(variance).toBeGreaterThan(0.8 * (2 / 50));
    expect(variance).toBeLessThan(1.2 * (2 / 50));
  });

  it('repeat exactly for the same seed and differ for another', () => {
    const a = initialValues({ kind: 'glorotNormal' }, [20, 20], Rng.fromSeed(9));
    expect(initialValues({ kind: 'glorotNormal' }, [20, 20], Rng.fromSeed(9))).toEqual(a);
    expect(initialValues({ kind: 'glorotNormal' }, [20, 20], Rng.fromSeed(10))).not.toEqual(a);
    expect(initialValues({ kind: 'constant', value: 0.25 }, [3], Rng.fromSeed(1))).toEqual(
      Float32Array.of(0.25, 0.25, 0.25),
    );
  });
});
