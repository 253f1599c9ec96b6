import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend/select-backend';

/**
 * Helpers for testing the trainer's wasm kernels against the cpu backend: the same values on every
 * backend (tf.randomNormal's seeded draws differ between backends), and a switch between them.
 */

/** A small seeded generator (mulberry32): test shapes and values that are random but repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [low, high]. */
export const between = (random: () => number, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

/** Values uniform in (−1, 1) for `shape`, as plain data to build a tensor on any backend. */
export function randomValues(random: () => number, shape: readonly number[]): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: size }, () => 2 * random() - 1);
}

/** One 2-D convolution to test a gradient kernel on: NHWC input, HWIO filter. */
export interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
}

export function convOutputShape(c: ConvCase): [number, number, number, number] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

/** `count` random convolutions (odd sizes, strides 1–3, both paddings) from `random`. */
export function drawConvCases(random: () => number, count: number): ConvCase[] {
  return Array.from({ length: count }, (): ConvCase => {
    const filter: ConvCase['filter'] = [
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
}

export async function useBackend(backend: 'cpu' | 'wasm'): Promise<void> {
  await selectBackend({ forced: backend, cudaVisibleDevices: undefined });
}

/** Runs `body` with `config` registered in place of the current kernel of that name, then restores it. */
export function withKernel<T>(config: tf.KernelConfig, body: () => T): T {
  const previous = tf.getKernel(config.kernelName, config.backendName);
  if (previous !== undefined) tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
  try {
    return body();
  } finally {
    tf.unregisterKernel(config.kernelName, config.backendName);
    if (previous !== undefined) tf.registerKernel(previous);
  }
}

/** The largest |actual − expected| / max(1, |expected|) over two equally long arrays. */
export function worstRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new Error(`lengths differ: ${actual.length} vs ${expected.length}`);
  }
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i] as number;
    const error = Math.abs((actual[i] as number) - e) / Math.max(1, Math.abs(e));
    worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
  }
  return worst;
}

/**
 * The largest error relative to the sum of the absolute products behind each element (`scale`): a
 * float32 matmul rounds its partial sums, so that sum, not the (possibly cancelling) result, sets
 * the size of an honest rounding error.
 */
export function worstScaledError(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  scale: ArrayLike<number>,
): number {
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const error =
      Math.abs((actual[i] as number) - (expected[i] as number)) / Math.max(1, scale[i] as number);
    worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
  }
  return worst;
}
