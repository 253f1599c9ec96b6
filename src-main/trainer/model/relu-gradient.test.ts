import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { RELU_BACKPROP, wasmReluBackpropKernel } from '../backend/wasm-relu-backprop';
import { randomValues, seededRandom, useBackend } from '../testing/backend-agreement';
import { reluGradient } from './relu-gradient';

describe('reluGradient', () => {
  it('gives the bits of mul(dy, step(y)) through Basin’s wasm kernel, at every size mod 4', async () => {
    await useBackend('wasm');
    const random = seededRandom(5);
    tf.registerKernel(wasmReluBackpropKernel);
    try {
      for (const size of [0, 1, 3, 4, 7, 130, 1601]) {
        const values = randomValues(random, [size]);
        // Exact zeros and negative zeros in y, where step and the mask must agree.
        values[0] = 0;
        values[2] = -0;
        const [y, dy] = [tf.tensor(values.slice(0, size)), tf.tensor(randomValues(random, [size]))];
        const viaKernel = Array.from(reluGradient(dy, y).dataSync());
        tf.unregisterKernel(RELU_BACKPROP, 'wasm');
        const viaOps = Array.from(reluGradient(dy, y).dataSync());
        tf.registerKernel(wasmReluBackpropKernel);
        expect(
          viaKernel.map((v) => (Object.is(v, -0) ? '-0' : v)),
          `size ${size}`,
        ).toEqual(viaOps.map((v) => (Object.is(v, -0) ? '-0' : v)));
        expect(viaKernel.some((v) => v === 0) || size === 0).toBe(true);
        tf.dispose([y, dy]);
      }
    } finally {
      tf.unregisterKernel(RELU_BACKPROP, 'wasm');
    }
  });
});
