import { describe, expect, it } from 'vitest';
import { Rng } from '@shared/random';
import { initializerSchema } from '@shared/experiment/activation';
import torchInit from './fixtures/torch-default-init.json';
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

describe('torchDefault against PyTorch nn.Linear / nn.Conv2d reset_parameters()', () => {
  it.each(torchInit.cases)(
    'kernel $shape',
    ({ shape, fanIn, weightBound, biasBound, weights, biases }) => {
      expect(fans(shape).fanIn).toBe(fanIn);
      const rng = Rng.fromSeed(11);
      const draw = (of: readonly number[], count: number) => {
        const values: number[] = [];
        while (values.length < count) {
          for (const v of initialValues({ kind: 'torchDefault' }, of, rng, shape)) values.push(v);
        }
        return values;
      };
      for (const [values, bound, reference] of [
        [draw(shape, 60_000), weightBound, weights],
        [draw([shape.at(-1)!], 20_000), biasBound, biases],
      ] as const) {
        const n = values.length;
        const mean = values.reduce((a, b) => a + b, 0) / n;
        const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
        const maxAbs = values.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
        // Both are U(±bound): the same float32 bound, and moments within sampling error of each
        // other (the variance of U(±b) is b²/3; its sample estimate has relative sd ≈ 0.9/√n).
        expect(maxAbs).toBeLessThanOrEqual(Math.fround(bound));
        expect(reference.maxAbs).toBeLessThanOrEqual(Math.fround(bound));
        expect(maxAbs).toBeGreaterThan(bound * 0.999);
        const tolerance = 5 * 0.9 * (1 / Math.sqrt(n) + 1 / Math.sqrt(reference.count));
        expect(Math.abs(variance / reference.variance - 1)).toBeLessThan(tolerance);
        expect(Math.abs(variance / ((bound * bound) / 3) - 1)).toBeLessThan(
          (5 * 0.9) / Math.sqrt(n),
        );
        const meanTolerance =
          ((5 * bound) / Math.sqrt(3)) * (1 / Math.sqrt(n) + 1 / Math.sqrt(reference.count));
        expect(Math.abs(mean - reference.mean)).toBeLessThan(meanTolerance);
      }
    },
  );

  it('is accepted by name in a layer spec', () => {
    expect(initializerSchema.parse('torchDefault')).toEqual({ kind: 'torchDefault' });
  });
});
