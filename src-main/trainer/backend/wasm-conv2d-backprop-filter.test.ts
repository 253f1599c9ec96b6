import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  convOutputShape,
  drawConvCases,
  type ConvCase,
  randomValues,
  seededRandom,
  useBackend,
  worstScaledError,
} from '../testing/backend-agreement';
import { wasmConv2DBackpropFilterKernel } from './wasm-conv2d-backprop-filter';

function cases(): (ConvCase & { values: Float32Array; upstream: Float32Array })[] {
  const random = seededRandom(3);
  const fixed: ConvCase[] = [
    { x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'valid' },
    { x: [3, 9, 8, 2], filter: [3, 3, 2, 5], strides: [2, 2], pad: 'same' },
    { x: [1, 6, 10, 1], filter: [2, 4, 1, 3], strides: [1, 3], pad: 'same' },
    { x: [2, 28, 28, 1], filter: [3, 3, 1, 16], strides: [1, 1], pad: 'same' }, // the benchmark CNN…
    { x: [2, 14, 14, 16], filter: [3, 3, 16, 32], strides: [1, 1], pad: 'same' }, // …both layers
    { x: [2, 9, 7, 1], filter: [2, 2, 1, 8], strides: [2, 2], pad: 'same' }, // fewer taps than filters
    { x: [1, 5, 5, 2], filter: [5, 5, 2, 1], strides: [1, 1], pad: 'valid' }, // one output position
    { x: [3, 6, 5, 9], filter: [2, 3, 9, 13], strides: [1, 2], pad: 'same' }, // partial blocks
    { x: [0, 5, 5, 2], filter: [3, 3, 2, 4], strides: [1, 1], pad: 'same' }, // no images
  ];
  const drawn = drawConvCases(random, 20);
  return [...fixed, ...drawn].map((c) => ({
    ...c,
    values: randomValues(random, c.x),
    upstream: randomValues(random, convOutputShape(c)),
  }));
}

function filterGradient(c: ReturnType<typeof cases>[number], absolute = false): number[] {
  return tf.tidy(() => {
    const magnitude = (values: Float32Array) => (absolute ? values.map(Math.abs) : values);
    const x = tf.tensor(magnitude(c.values), c.x) as tf.Tensor4D;
    const dy = tf.tensor(magnitude(c.upstream), convOutputShape(c));
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    const gradient = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs);
    return Array.from((gradient as tf.Tensor).dataSync());
  });
}

describe('wasm Conv2DBackpropFilter (Basin’s product over the padded input)', () => {
  it('matches the cpu backend to 1e-6 on random shapes, strides, same and valid padding', async () => {
    const all = cases();
    await useBackend('cpu');
    const expected = all.map((c) => filterGradient(c));
    const scales = all.map((c) => filterGradient(c, true));

    await useBackend('wasm');
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeUndefined();
    tf.registerKernel(wasmConv2DBackpropFilterKernel);
    try {
      all.forEach((c, i) => {
        const label = `x ${JSON.stringify(c.x)} filter ${JSON.stringify(c.filter)} strides ${JSON.stringify(c.strides)} ${c.pad}`;
        const reference = expected[i] as number[];
        const scale = scales[i] as number[];
        expect(worstScaledError(filterGradient(c), reference, scale), label).toBeLessThan(1e-6);
      });
    } finally {
      tf.unregisterKernel(tf.Conv2DBackpropFilter, 'wasm');
    }
  });
});
