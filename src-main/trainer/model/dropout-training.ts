import * as tf from '@tensorflow/tfjs';

/**
 * Inverted dropout in training: each value kept with probability 1 − rate and scaled by 1/(1 − rate).
 * The mask is drawn in one JS pass from `seed` (mulberry32, one draw per value) and uploaded as the
 * scale per value (0 or 1/(1 − rate)), so the layer is one multiply forward and one backward, and
 * every backend (cpu, wasm, webgpu) draws the same mask. TF.js's `tf.dropout` draws with seedrandom
 * (several times slower per value) and spends five ops forward and three backward.
 */
export function dropoutMask(size: number, rate: number, seed: number): Float32Array {
  const scale = Math.fround(1 / (1 - rate));
  const mask = new Float32Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const uniform = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    mask[i] = uniform >= rate ? scale : 0;
  }
  return mask;
}

export function dropoutTraining(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  return tf.mul(x, tf.tensor(dropoutMask(x.size, rate, seed), x.shape, 'float32'));
}
