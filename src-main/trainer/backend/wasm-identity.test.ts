import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { useBackend } from '../testing/backend-agreement';
import { wasmIdentityKernel } from './wasm-identity';
import { replaceWasmKernel } from './wasm-replace-kernel';

describe('wasm Identity by reference', () => {
  it('clones share the buffer, outlive the original and free it with the last reference', async () => {
    await useBackend('wasm');
    replaceWasmKernel(tf.Identity, wasmIdentityKernel);
    const backend = tf.backend() as BackendWasm;
    const buffersBefore = backend.numDataIds();
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      const x = tf.tensor([1, 0, 3, -4, 5, 0], [2, 3], dtype);
      const expected = x.arraySync();
      const copy = tf.clone(x);
      const kept = tf.clone(copy);
      expect(backend.numDataIds()).toBe(buffersBefore + 1);
      x.dispose();
      expect(copy.arraySync()).toEqual(expected);
      copy.dispose();
      expect(kept.arraySync()).toEqual(expected);
      expect(kept.dtype).toBe(dtype);
      kept.dispose();
      expect(backend.numDataIds()).toBe(buffersBefore);
    }
  });

  it('gives gradients that match the cpu backend through saved tensors', async () => {
    const gradient = () =>
      tf.tidy(() => {
        const x = tf.tensor([0.5, -1.5, 2, 3, -0.25, 1], [2, 3]);
        const w = tf.tensor([1, -2, 0.5, 0.25, -1, 3], [3, 2]);
        const f = (a: tf.Tensor) => tf.sum(tf.relu(tf.matMul(a, w)).square());
        return Array.from(tf.grad(f)(x).dataSync());
      });
    await useBackend('cpu');
    const expected = gradient();
    await useBackend('wasm');
    replaceWasmKernel(tf.Identity, wasmIdentityKernel);
    expect(gradient()).toEqual(expected);
  });

  it('keeps string tensors on the stock kernel', async () => {
    await useBackend('wasm');
    replaceWasmKernel(tf.Identity, wasmIdentityKernel);
    const s = tf.tensor(['a', 'bc']);
    const copy = tf.clone(s);
    s.dispose();
    expect(copy.arraySync()).toEqual(['a', 'bc']);
    copy.dispose();
  });
});
