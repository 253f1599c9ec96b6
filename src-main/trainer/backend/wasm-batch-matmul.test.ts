import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './select-backend';
import { installWasmBatchMatMul } from './wasm-batch-matmul';

/** Values from a fixed formula, identical on every backend. */
function pattern(shape: number[], phase: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, (_, i) => Math.sin(0.37 * i + phase)),
    shape,
  );
}

const cases: { a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }[] = [
  { a: [7, 5], b: [7, 3], transposeA: true, transposeB: false },
  { a: [7, 5], b: [3, 5], transposeA: false, transposeB: true },
  { a: [5, 7], b: [3, 5], transposeA: true, transposeB: true },
  { a: [2, 4, 6], b: [2, 4, 3], transposeA: true, transposeB: false },
  { a: [2, 6, 4], b: [1, 3, 4], transposeA: false, transposeB: true },
  { a: [6, 4], b: [4, 3], transposeA: false, transposeB: false },
  // Whole 4×8 blocks of Basin's SIMD product, with and without transposes (the cases above end mid-block).
  { a: [12, 37], b: [37, 24], transposeA: false, transposeB: false },
  { a: [37, 12], b: [37, 16], transposeA: true, transposeB: false },
  { a: [8, 37], b: [24, 37], transposeA: false, transposeB: true },
  { a: [3, 4, 9], b: [3, 9, 8], transposeA: false, transposeB: false },
  { a: [0, 9], b: [9, 8], transposeA: false, transposeB: false },
];

function products(): Float32Array[] {
  return cases.map((c, i) =>
    tf.tidy(
      () =>
        tf
          .matMul(pattern(c.a, i), pattern(c.b, i + 0.5), c.transposeA, c.transposeB)
          .dataSync() as Float32Array,
    ),
  );
}

describe('wasm BatchMatMul with transposes', () => {
  it('gives the cpu backend’s products for every transpose combination, batch shape and SIMD block', async () => {
    await selectBackend({ forced: 'cpu', cudaVisibleDevices: undefined });
    const expected = products();
    await selectBackend({ forced: 'wasm', cudaVisibleDevices: undefined });
    expect(installWasmBatchMatMul()).toBe(true);
    expect(installWasmBatchMatMul()).toBe(false);
    const dataIds = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const before = dataIds();
    const actual = products();
    expect(dataIds()).toBe(before);
    actual.forEach((values, i) => {
      const want = expected[i] as Float32Array;
      expect(values.length).toBe(want.length);
      values.forEach((v, k) =>
        expect(Math.abs(v - (want[k] as number))).toBeLessThan(
          1e-6 * (1 + Math.abs(want[k] as number) * 10),
        ),
      );
    });
  });
});
