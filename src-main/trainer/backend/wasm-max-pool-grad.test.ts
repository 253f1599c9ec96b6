import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  between,
  randomValues,
  seededRandom,
  useBackend,
  withKernel,
  worstRelativeError,
} from '../testing/backend-agreement';
import { wasmMaxPoolGradKernel } from './wasm-max-pool-grad';

interface Case {
  x: [number, number, number, number];
  pool: [number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
  values: Float32Array;
  upstream: Float32Array;
  ties?: boolean;
}

function poolOutput(c: Pick<Case, 'x' | 'pool' | 'strides' | 'pad'>): number[] {
  return tf.backend_util.computePool2DInfo(c.x, c.pool, c.strides, 1, c.pad).outShape;
}

function cases(): Case[] {
  const random = seededRandom(5);
  const fixed: Omit<Case, 'values' | 'upstream'>[] = [
    { x: [2, 28, 28, 16], pool: [2, 2], strides: [2, 2], pad: 'valid' }, // the benchmark CNN
    { x: [1, 7, 7, 3], pool: [2, 2], strides: [2, 2], pad: 'same' }, // odd size, padded edge
    { x: [2, 5, 6, 2], pool: [3, 3], strides: [1, 1], pad: 'same' }, // overlapping windows
    { x: [1, 9, 4, 1], pool: [3, 2], strides: [2, 3], pad: 'valid' },
    { x: [1, 3, 3, 1], pool: [1, 1], strides: [1, 1], pad: 'valid' },
    // The SIMD kernel's cases (non-overlapping windows, channels a multiple of 4): an odd edge no
    // window covers, a non-square window, and values on a coarse grid, so windows hold ties.
    { x: [2, 7, 9, 8], pool: [2, 2], strides: [2, 2], pad: 'valid' },
    { x: [1, 6, 6, 4], pool: [3, 2], strides: [3, 2], pad: 'valid' },
    { x: [2, 8, 8, 12], pool: [2, 2], strides: [2, 2], pad: 'valid', ties: true },
  ];
  const drawn = Array.from({ length: 20 }, () => {
    const pool: [number, number] = [between(random, 1, 3), between(random, 1, 3)];
    return {
      x: [
        between(random, 1, 3),
        between(random, pool[0], 9),
        between(random, pool[1], 9),
        between(random, 1, 4),
      ] as Case['x'],
      pool,
      strides: [between(random, 1, 3), between(random, 1, 3)] as [number, number],
      pad: random() < 0.5 ? ('valid' as const) : ('same' as const),
    };
  });
  return [...fixed, ...drawn].map((c: Omit<Case, 'values' | 'upstream'>) => ({
    ...c,
    values: randomValues(random, c.x).map((v) => (c.ties === true ? Math.round(2 * v) / 2 : v)),
    upstream: randomValues(random, poolOutput(c)),
  }));
}

/**
 * The gradient of Σ upstream · maxPool(a) with respect to a, and, through tanh, with respect to x
 * where a = tanh(x). The first is the kernel alone (bit-identical); the second a whole layer chain,
 * where the backends' tanh derivatives differ by float32 rounding.
 */
function gradients(c: Case): { pool: number[]; chain: number[] } {
  return tf.tidy(() => {
    const upstream = tf.tensor(c.upstream, poolOutput(c));
    const pooled = (a: tf.Tensor) =>
      tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, c.pool, c.strides, c.pad), upstream));
    const activations = tf.tensor(Float32Array.from(c.values, Math.tanh), c.x);
    const pool = tf.grad(pooled)(activations);
    const chain = tf.grad((x: tf.Tensor) => pooled(tf.tanh(x)))(tf.tensor(c.values, c.x));
    return { pool: Array.from(pool.dataSync()), chain: Array.from(chain.dataSync()) };
  });
}

describe('wasm MaxPoolGrad', () => {
  it('after tanh gives the cpu backend’s gradient, including all-negative windows (stock wasm drops those)', async () => {
    const all = cases();
    await useBackend('cpu');
    const expected = all.map(gradients);
    await useBackend('wasm');
    // The cases are meaningful only while they have windows the stock kernel gets wrong.
    const stock = gradients(all[0] as Case);
    expect(worstRelativeError(stock.chain, expected[0]?.chain ?? [])).toBeGreaterThan(0.01);
    withKernel(wasmMaxPoolGradKernel(), () => {
      all.forEach((c, i) => {
        const label = `x ${JSON.stringify(c.x)} pool ${JSON.stringify(c.pool)} strides ${JSON.stringify(c.strides)} ${c.pad}`;
        const actual = gradients(c);
        const reference = expected[i] as ReturnType<typeof gradients>;
        expect(actual.pool, label).toEqual(reference.pool);
        expect(worstRelativeError(actual.chain, reference.chain), label).toBeLessThan(1e-6);
      });
    });
  });
});
