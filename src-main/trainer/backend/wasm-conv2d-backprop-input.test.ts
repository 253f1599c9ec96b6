import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  convOutputShape,
  drawConvCases,
  type ConvCase,
  randomValues,
  seededRandom,
  useBackend,
  withKernel,
  worstScaledError,
} from '../testing/backend-agreement';
import { installWasmBatchMatMul } from './wasm-batch-matmul';
import { wasmConv2DBackpropInputKernel } from './wasm-conv2d-backprop-input';

function cases(): (ConvCase & { weights: Float32Array; upstream: Float32Array })[] {
  const random = seededRandom(13);
  const fixed: ConvCase[] = [
    { x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'valid' },
    { x: [3, 9, 8, 2], filter: [3, 3, 2, 5], strides: [2, 2], pad: 'same' },
    { x: [1, 6, 10, 1], filter: [2, 4, 1, 3], strides: [1, 3], pad: 'same' },
    { x: [2, 14, 14, 16], filter: [3, 3, 16, 32], strides: [1, 1], pad: 'same' }, // the benchmark CNN
    { x: [1, 5, 5, 2], filter: [5, 5, 2, 1], strides: [1, 1], pad: 'valid' }, // one output position
    { x: [1, 8, 8, 2], filter: [3, 3, 2, 2], strides: [3, 3], pad: 'valid' }, // rows no window reaches
    { x: [3, 6, 5, 9], filter: [2, 3, 9, 13], strides: [1, 1], pad: 'same' }, // partial blocks
    { x: [2, 7, 9, 3], filter: [4, 2, 3, 6], strides: [1, 1], pad: 'valid' }, // even filter
  ];
  const drawn = drawConvCases(random, 20);
  return [...fixed, ...drawn].map((c) => ({
    ...c,
    weights: randomValues(random, c.filter),
    upstream: randomValues(random, convOutputShape(c)),
  }));
}

function inputGradient(c: ReturnType<typeof cases>[number], absolute = false): number[] {
  return tf.tidy(() => {
    const magnitude = (values: Float32Array) => (absolute ? values.map(Math.abs) : values);
    const filter = tf.tensor(magnitude(c.weights), c.filter);
    const dy = tf.tensor(magnitude(c.upstream), convOutputShape(c));
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
    const gradient = tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, attrs);
    return Array.from((gradient as tf.Tensor).dataSync());
  });
}

describe('wasm Conv2DBackpropInput (a convolution of dy at stride 1; the matmul and col2im otherwise)', () => {
  it('matches the cpu backend to 1e-6 on random shapes, strides, same and valid padding', async () => {
    const all = cases();
    await useBackend('cpu');
    const expected = all.map((c) => inputGradient(c));
    // The float32 matmul rounds partial sums: the sum of |products| behind an element sets the scale.
    const scales = all.map((c) => inputGradient(c, true));

    await useBackend('wasm');
    installWasmBatchMatMul();
    // Every case is NHWC, which Basin's kernel takes: falling back to TF.js's would fail the test.
    const unused: tf.KernelConfig = {
      kernelName: tf.Conv2DBackpropInput,
      backendName: 'wasm',
      kernelFunc: () => {
        throw new Error("Conv2DBackpropInput fell back to TF.js's kernel");
      },
    };
    withKernel(wasmConv2DBackpropInputKernel(unused), () => {
      all.forEach((c, i) => {
        const label = `x ${JSON.stringify(c.x)} filter ${JSON.stringify(c.filter)} strides ${JSON.stringify(c.strides)} ${c.pad}`;
        const actual = inputGradient(c);
        const reference = expected[i] as number[];
        const scale = scales[i] as number[];
        expect(actual.length, label).toBe(reference.length);
        expect(worstScaledError(actual, reference, scale), label).toBeLessThan(1e-6);
      });
    });
  });
});
