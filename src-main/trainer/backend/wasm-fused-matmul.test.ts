import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { randomValues, seededRandom, useBackend } from '../testing/backend-agreement';
import { replaceWasmKernel } from './wasm-replace-kernel';
import { wasmFusedMatMulKernel } from './wasm-fused-matmul';

const random = seededRandom(11);
const cases = [
  { rows: 12, inputs: 30, units: 16, activation: 'relu', bias: true },
  { rows: 8, inputs: 784, units: 256, activation: 'linear', bias: true },
  { rows: 4, inputs: 5, units: 8, activation: 'relu', bias: false },
  // Partial blocks (6 rows, 10 columns): computed past the edges, stored only inside.
  { rows: 6, inputs: 7, units: 10, activation: 'relu', bias: true },
].map((c) => ({
  ...c,
  x: randomValues(random, [c.rows, c.inputs]),
  w: randomValues(random, [c.inputs, c.units]),
  b: randomValues(random, [c.units]),
}));

function outputs(): Float32Array[] {
  return cases.map((c) =>
    tf.tidy(() => {
      const x = tf.tensor2d(c.x, [c.rows, c.inputs]);
      const w = tf.tensor2d(c.w, [c.inputs, c.units]);
      const bias = c.bias ? tf.tensor1d(c.b) : undefined;
      const activation = c.activation as 'relu' | 'linear';
      return tf.fused.matMul({ a: x, b: w, bias, activation }).dataSync() as Float32Array;
    }),
  );
}

const worstError = (values: Float32Array[], expected: Float32Array[]) =>
  values.map((v, i) => {
    const want = expected[i] as Float32Array;
    expect(v.length).toBe(want.length);
    return v.reduce((m, x, k) => Math.max(m, Math.abs(x - (want[k] as number))), 0);
  });

describe('wasm _FusedMatMul through Basin’s SIMD product', () => {
  it('gives TF.js’s own wasm results bit for bit, and the cpu backend’s to float32 rounding', async () => {
    await useBackend('cpu');
    const expected = outputs();
    await useBackend('wasm');
    const stockOutputs = outputs();
    replaceWasmKernel(tf._FusedMatMul, wasmFusedMatMulKernel);
    const actual = outputs();
    // The same products, in the same k order, from the bias up, as XNNPACK's 4×8 kernel: bit for bit.
    expect(actual).toEqual(stockOutputs);
    worstError(actual, expected).forEach((worst, i) => {
      const size = Math.max(...Array.from(expected[i] as Float32Array, Math.abs));
      // Float32 sums of up to 784 products: 1e-6 of the outputs' size.
      expect(worst).toBeLessThanOrEqual(1e-6 * size);
      expect((actual[i] as Float32Array).some((v) => v === 0)).toBe(
        cases[i]?.activation === 'relu',
      );
    });
  });
});
