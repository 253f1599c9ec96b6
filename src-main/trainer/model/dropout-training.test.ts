import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../testing/backend-agreement';
import { dropoutMask, dropoutTraining } from './dropout-training';

describe('dropout in training', () => {
  it('keeps each value with probability 1 − rate, scaled by 1/(1 − rate), the same for a seed', () => {
    for (const rate of [0.2, 0.5, 0.9]) {
      const mask = dropoutMask(100_000, rate, 12345);
      const scale = Math.fround(1 / (1 - rate));
      const kept = mask.filter((m) => m === scale).length;
      expect(mask.every((m) => m === 0 || m === scale)).toBe(true);
      // Binomial(100000, 1 − rate): five standard deviations at most.
      const sd = Math.sqrt(100_000 * rate * (1 - rate));
      expect(Math.abs(kept - 100_000 * (1 - rate))).toBeLessThan(5 * sd);
      expect(dropoutMask(100_000, rate, 12345)).toEqual(mask);
    }
    const [a, b] = [dropoutMask(1000, 0.5, 1), dropoutMask(1000, 0.5, 2)];
    expect(a).not.toEqual(b);
  });

  it('gives the same output and gradient (dy × mask) on cpu and wasm', async () => {
    // Dropped negative values are −0 on one backend and 0 on another: the same number.
    const values = (t: tf.Tensor) => Array.from(t.dataSync(), (v) => (v === 0 ? 0 : v));
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor(
          Float32Array.from({ length: 60 }, (_, i) => (i - 30) / 7),
          [6, 10],
        );
        const dy = tf.tensor(
          Float32Array.from({ length: 60 }, (_, i) => 1 + i / 59),
          [6, 10],
        );
        const y = dropoutTraining(x, 0.3, 99);
        const dx = tf.grad((input: tf.Tensor) => dropoutTraining(input, 0.3, 99))(x, dy);
        const mask = tf.tensor(dropoutMask(60, 0.3, 99), [6, 10]);
        expect(values(dx)).toEqual(values(tf.mul(dy, mask)));
        return values(y);
      });
    await useBackend('cpu');
    const expected = run();
    await useBackend('wasm');
    expect(run()).toEqual(expected);
  });
});
