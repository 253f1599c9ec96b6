import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { layerSchema } from '@shared/experiment';
import { provideKernels } from '../backend/required-kernels';
import { between, randomValues, seededRandom, useBackend } from '../testing/backend-agreement';
import { maxPoolTraining } from './max-pool-training';

interface Case {
  x: [number, number, number, number];
  pool: [number, number];
  padding: 'same' | 'valid';
}

function cases(): Case[] {
  const random = seededRandom(41);
  const fixed: Case[] = [
    { x: [4, 28, 28, 16], pool: [2, 2], padding: 'valid' }, // the benchmark CNN…
    { x: [4, 14, 14, 32], pool: [2, 2], padding: 'valid' }, // …both pools
    { x: [2, 7, 9, 4], pool: [2, 3], padding: 'valid' }, // rows and columns no window covers
    { x: [1, 6, 6, 8], pool: [3, 3], padding: 'same' },
  ];
  const drawn = Array.from({ length: 10 }, (): Case => {
    const pool: [number, number] = [between(random, 1, 4), between(random, 1, 4)];
    return {
      x: [
        between(random, 1, 3),
        between(random, pool[0], 12),
        between(random, pool[1], 12),
        4 * between(random, 1, 3),
      ],
      pool,
      padding: 'valid',
    };
  });
  return [...fixed, ...drawn];
}

/** Output and input gradient of Σ y·r, through TF.js's layer or Basin's op. */
function outputAndGradient(c: Case, seed: number, viaLayer: boolean): number[][] {
  const random = seededRandom(seed);
  // Ties and all-negative windows: values rounded to a few levels, half of them below 0.
  const values = randomValues(random, c.x).map((v) => Math.round(v * 3) / 3);
  const x = tf.tensor(values, c.x);
  const layer = tf.layers.maxPooling2d({ poolSize: c.pool, strides: c.pool, padding: c.padding });
  const core = {
    kind: 'maxPool2d',
    poolSize: c.pool,
    strides: c.pool,
    padding: c.padding,
  } as const;
  const outputShape = layer.computeOutputShape(c.x) as number[];
  const r = tf.tensor(randomValues(random, outputShape), outputShape);
  const result = tf.tidy(() => {
    let output: number[] = [];
    const gradient = tf.grad((input: tf.Tensor) => {
      const y = viaLayer
        ? (layer.apply(input) as tf.Tensor)
        : maxPoolTraining(input, { ...core, poolSize: [...c.pool], strides: [...c.pool] });
      if (y === null) throw new Error(`Basin's max-pool op did not take ${JSON.stringify(c)}`);
      output = Array.from(y.dataSync());
      return tf.sum(tf.mul(y, r));
    })(x);
    return [output, Array.from(gradient.dataSync())];
  });
  tf.dispose([x, r]);
  return result;
}

describe('max-pool training op', () => {
  it('gives TF.js’s pooled values and cpu’s gradient bit for bit on wasm, ties and negative windows included', async () => {
    const all = cases();
    await useBackend('cpu');
    const expected = all.map((c, i) => outputAndGradient(c, 200 + i, true));
    await useBackend('wasm');
    provideKernels([layerSchema.parse({ type: 'maxPool2d' })], 'wasm');
    all.forEach((c, i) => {
      const actual = outputAndGradient(c, 200 + i, false);
      expect(actual, JSON.stringify(c)).toEqual(expected[i]);
    });
  });

  it('leaves poolings its kernels do not take, and backends without them, to TF.js', async () => {
    await useBackend('wasm');
    provideKernels([layerSchema.parse({ type: 'maxPool2d' })], 'wasm');
    const core = {
      kind: 'maxPool2d',
      poolSize: [2, 2],
      strides: [2, 2],
      padding: 'valid',
    } as const;
    const x = tf.zeros([1, 4, 4, 3]);
    expect(maxPoolTraining(x, { ...core, poolSize: [2, 2], strides: [2, 2] })).toBeNull(); // 3 channels
    expect(
      maxPoolTraining(tf.zeros([1, 4, 4, 4]), { ...core, poolSize: [2, 2], strides: [1, 1] }),
    ).toBeNull();
    await useBackend('cpu');
    expect(
      maxPoolTraining(tf.zeros([1, 4, 4, 4]), { ...core, poolSize: [2, 2], strides: [2, 2] }),
    ).toBeNull();
  });
});
