import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from './select-backend';
import { wasmConv2DBackpropFilterKernel } from './wasm-conv2d-backprop-filter';

interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
}

const cases: Case[] = [
  {
    name: '3x3 valid stride 1',
    x: [2, 7, 6, 3],
    filter: [3, 3, 3, 4],
    strides: [1, 1],
    pad: 'valid',
  },
  {
    name: '3x3 same stride 2',
    x: [3, 9, 8, 2],
    filter: [3, 3, 2, 5],
    strides: [2, 2],
    pad: 'same',
  },
  {
    name: '2x4 same mixed strides',
    x: [1, 6, 10, 1],
    filter: [2, 4, 1, 3],
    strides: [1, 3],
    pad: 'same',
  },
];

/** Values from a fixed formula: tf.randomNormal's seeded draws differ between cpu and wasm. */
function pattern(shape: number[], phase: number): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, (_, i) => Math.sin(1.7 * i + phase)),
    shape,
  );
}

function filterGradient(c: Case, seed: number): Float32Array {
  return tf.tidy(() => {
    const x = pattern(c.x, seed);
    const filter = pattern(c.filter, seed + 1) as tf.Tensor4D;
    const output = tf.conv2d(x as tf.Tensor4D, filter, c.strides, c.pad);
    const upstream = pattern(output.shape, seed + 2);
    const gradient = tf.grad((f: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.strides, c.pad), upstream)),
    );
    return gradient(filter).dataSync() as Float32Array;
  });
}

describe('wasm Conv2DBackpropFilter', () => {
  it('matches the cpu backend kernel on valid and same padding with strides', async () => {
    await selectBackend({ forced: 'cpu', cudaVisibleDevices: undefined });
    const expected = cases.map((c, i) => filterGradient(c, 10 * i));

    await selectBackend({ forced: 'wasm', cudaVisibleDevices: undefined });
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeUndefined();
    tf.registerKernel(wasmConv2DBackpropFilterKernel);
    try {
      cases.forEach((c, i) => {
        const actual = filterGradient(c, 10 * i);
        const reference = expected[i] as Float32Array;
        expect(actual.length).toBe(reference.length);
        for (let k = 0; k < actual.length; k++) {
          expect(actual[k]).toBeCloseTo(reference[k] as number, 4);
        }
      });
    } finally {
      tf.unregisterKernel(tf.Conv2DBackpropFilter, 'wasm');
    }
  });
});
