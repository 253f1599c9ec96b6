import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { between, randomValues, seededRandom, useBackend } from '../testing/backend-agreement';
import { wasmConv2DBackpropFilterKernel } from './wasm-conv2d-backprop-filter';
import { installWasmBatchMatMul } from './wasm-batch-matmul';

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
}

function outputShape(c: Case): [number, number, number, number] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

function cases(): (Case & { values: Float32Array; upstream: Float32Array })[] {
  const random = seededRandom(3);
  const fixed: Case[] = [
    { x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'valid' },
    { x: [3, 9, 8, 2], filter: [3, 3, 2, 5], strides: [2, 2], pad: 'same' },
    { x: [1, 6, 10, 1], filter: [2, 4, 1, 3], strides: [1, 3], pad: 'same' },
    { x: [2, 14, 14, 16], filter: [3, 3, 16, 32], strides: [1, 1], pad: 'same' }, // the benchmark CNN
    { x: [1, 5, 5, 2], filter: [5, 5, 2, 1], strides: [1, 1], pad: 'valid' }, // one output position
  ];
  const drawn = Array.from({ length: 20 }, (): Case => {
    const filter: Case['filter'] = [
      between(random, 1, 4),
      between(random, 1, 4),
      between(random, 1, 4),
      between(random, 1, 5),
    ];
    return {
      x: [
        between(random, 1, 3),
        between(random, filter[0], 11),
        between(random, filter[1], 11),
        filter[2],
      ],
      filter,
      strides: [between(random, 1, 3), between(random, 1, 3)],
      pad: random() < 0.5 ? 'valid' : 'same',
    };
  });
  return [...fixed, ...drawn].map((c) => ({
    ...c,
    values: randomValues(random, c.x),
    upstream: randomValues(random, outputShape(c)),
  }));
}

function filterGradient(c: ReturnType<typeof cases>[number], absolute = false): number[] {
  return tf.tidy(() => {
    const magnitude = (values: Float32Array) => (absolute ? values.map(Math.abs) : values);
    const x = tf.tensor(magnitude(c.values), c.x) as tf.Tensor4D;
    const dy = tf.tensor(magnitude(c.upstream), outputShape(c));
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    const gradient = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs);
    return Array.from((gradient as tf.Tensor).dataSync());
  });
}

/**
 * The largest error relative to the sum of the absolute products behind each element: the float32
 * matmul rounds each partial sum, so that sum, not the (possibly cancelling) result, sets the scale.
 */
function worstScaledError(actual: number[], expected: number[], scale: number[]): number {
  return Math.max(
    0,
    ...actual.map(
      (a, i) => Math.abs(a - (expected[i] as number)) / Math.max(1, scale[i] as number),
    ),
  );
}

describe('wasm Conv2DBackpropFilter (im2col + the wasm matmul)', () => {
  it('matches the cpu backend to 1e-6 on random shapes, strides, same and valid padding', async () => {
    const all = cases();
    await useBackend('cpu');
    const expected = all.map((c) => filterGradient(c));
    const scales = all.map((c) => filterGradient(c, true));

    await useBackend('wasm');
    installWasmBatchMatMul();
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
