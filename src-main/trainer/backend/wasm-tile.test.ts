import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { between, randomValues, seededRandom, useBackend } from '../testing/backend-agreement';
import { replaceWasmKernel } from './wasm-replace-kernel';
import { wasmTileKernel } from './wasm-tile';

interface Case {
  shape: number[];
  reps: number[];
  dtype: 'float32' | 'int32' | 'bool';
  values: Float32Array;
}

function cases(): Case[] {
  const random = seededRandom(7);
  const fixed: [number[], number[]][] = [
    [
      [1, 256],
      [128, 1],
    ], // the batch-norm gradient's shape
    [[3], [4]],
    [[], []],
    [
      [2, 3],
      [1, 1],
    ],
    [
      [0, 3],
      [2, 2],
    ],
    [
      [2, 1, 3],
      [3, 5, 1],
    ],
  ];
  const drawn = Array.from({ length: 30 }, () => {
    const rank = between(random, 1, 5);
    const shape = Array.from({ length: rank }, () => between(random, 1, 5));
    const reps = Array.from({ length: rank }, () => between(random, 1, 4));
    return [shape, reps] as [number[], number[]];
  });
  const dtypes = ['float32', 'int32', 'bool'] as const;
  return [...fixed, ...drawn].map(([shape, reps], i) => ({
    shape,
    reps,
    dtype: dtypes[i % 3] as Case['dtype'],
    values: randomValues(random, shape),
  }));
}

function tiled(c: Case): number[] {
  return tf.tidy(() => {
    const values =
      c.dtype === 'float32'
        ? c.values
        : Int32Array.from(c.values, (v) =>
            c.dtype === 'bool' ? Number(v > 0) : Math.round(9 * v),
          );
    const x = tf.tensor(values, c.shape, c.dtype);
    return Array.from(tf.tile(x, c.reps).dataSync());
  });
}

describe('wasm Tile by block copies', () => {
  it('is bit-identical to the cpu backend on random shapes, repetitions and dtypes', async () => {
    const all = cases();
    await useBackend('cpu');
    const expected = all.map(tiled);
    await useBackend('wasm');
    expect(replaceWasmKernel(tf.Tile, wasmTileKernel)).toBe(true);
    all.forEach((c, i) => {
      expect(tiled(c), `${c.dtype} ${JSON.stringify(c.shape)} × ${JSON.stringify(c.reps)}`).toEqual(
        expected[i],
      );
    });
  });
});
