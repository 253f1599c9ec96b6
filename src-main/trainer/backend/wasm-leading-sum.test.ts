import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  between,
  randomValues,
  seededRandom,
  useBackend,
  worstRelativeError,
} from '../testing/backend-agreement';
import { wasmLeadingMeanKernel, wasmLeadingSumKernel } from './wasm-leading-sum';
import { replaceWasmKernel } from './wasm-replace-kernel';

interface Case {
  shape: number[];
  axis: number[];
  keepDims: boolean;
  values: Float32Array;
}

function cases(): Case[] {
  const random = seededRandom(11);
  const fixed: [number[], number[]][] = [
    [[128, 256], [0]], // a dense bias gradient, batch-norm moments
    [
      [128, 14, 14, 32],
      [0, 1, 2],
    ], // a conv bias gradient
    [[5, 3], [-2]],
    [
      [4, 3, 2],
      [1, 0],
    ],
    [[3, 4], [1]], // innermost: the original kernel
    [
      [3, 4, 5],
      [0, 2],
    ], // not leading: the original kernel
    [[7], [0]], // everything: the original kernel
    [[0, 3], [0]],
  ];
  const drawn = Array.from({ length: 24 }, () => {
    const rank = between(random, 2, 4);
    const shape = Array.from({ length: rank }, () => between(random, 1, 9));
    const leading = between(random, 1, rank - 1);
    return [shape, Array.from({ length: leading }, (_, a) => a)] as [number[], number[]];
  });
  return [...fixed, ...drawn].map(([shape, axis], i) => ({
    shape,
    axis,
    keepDims: i % 2 === 1,
    values: randomValues(random, shape),
  }));
}

function reduce(c: Case, op: 'sum' | 'mean'): { shape: number[]; values: number[] } {
  return tf.tidy(() => {
    const result = tf[op](tf.tensor(c.values, c.shape), c.axis, c.keepDims);
    return { shape: result.shape, values: Array.from(result.dataSync()) };
  });
}

const replace = (op: 'sum' | 'mean'): boolean =>
  op === 'sum'
    ? replaceWasmKernel(tf.Sum, wasmLeadingSumKernel)
    : replaceWasmKernel(tf.Mean, wasmLeadingMeanKernel);

describe.each(['sum', 'mean'] as const)('wasm %s over leading axes', (op) => {
  it('is bit-identical to the cpu backend on leading axes and close on the others', async () => {
    const all = cases();
    await useBackend('cpu');
    const expected = all.map((c) => reduce(c, op));
    await useBackend('wasm');
    expect(replace(op)).toBe(true);
    all.forEach((c, i) => {
      const label = `${JSON.stringify(c.shape)} axis ${JSON.stringify(c.axis)} keepDims ${c.keepDims}`;
      const actual = reduce(c, op);
      const reference = expected[i] as ReturnType<typeof reduce>;
      expect(actual.shape, label).toEqual(reference.shape);
      const sorted = [...c.axis].map((a) => (a < 0 ? a + c.shape.length : a)).sort();
      const leading = sorted.every((a, k) => a === k) && sorted.length < c.shape.length;
      if (leading) expect(actual.values, label).toEqual(reference.values);
      else expect(worstRelativeError(actual.values, reference.values), label).toBeLessThan(1e-6);
    });
  });

  it('leaves integer inputs to the original kernel', async () => {
    await useBackend('wasm');
    replace(op);
    const x = tf.tensor(
      [
        [1, 2],
        [3, 5],
      ],
      [2, 2],
      'int32',
    );
    const result = tf[op](x, 0);
    expect(Array.from(result.dataSync())).toEqual(op === 'sum' ? [4, 7] : [2, 3.5]);
    tf.dispose([x, result]);
  });
});
