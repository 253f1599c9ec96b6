import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  between,
  randomValues,
  seededRandom,
  useBackend,
  worstRelativeError,
  worstScaledError,
} from '../testing/backend-agreement';
import { denseTraining } from './dense-training';
import type { CoreActivation } from './forward-steps';

interface Case {
  rows: number;
  inputs: number;
  units: number;
  activation: CoreActivation;
  useBias: boolean;
}

function cases(): Case[] {
  const random = seededRandom(11);
  const fixed: Case[] = [
    { rows: 128, inputs: 64, units: 32, activation: 'relu', useBias: true },
    { rows: 1, inputs: 1, units: 1, activation: 'linear', useBias: false },
  ];
  const drawn = Array.from({ length: 12 }, (_, i): Case => ({
    rows: between(random, 1, 9),
    inputs: between(random, 1, 13),
    units: between(random, 1, 11),
    activation: i % 2 === 0 ? 'relu' : 'linear',
    useBias: i % 3 !== 0,
  }));
  return [...fixed, ...drawn];
}

/**
 * Output, then the gradients of Σ y·r with respect to x, kernel and bias, flattened, and last the
 * sum of the absolute terms behind each output (|x|·|W| + |b|), the size of its rounding error.
 */
function outputAndGradients(c: Case, seed: number, viaLayer: boolean): number[][] {
  const random = seededRandom(seed);
  const tensor = (shape: number[]) => tf.tensor(randomValues(random, shape), shape);
  const x = tf.variable(tensor([c.rows, c.inputs]));
  const layer = tf.layers.dense({ units: c.units, activation: c.activation, useBias: c.useBias });
  layer.build([null, c.inputs]);
  const weights = c.useBias
    ? [tensor([c.inputs, c.units]), tensor([c.units])]
    : [tensor([c.inputs, c.units])];
  layer.setWeights(weights);
  const variables = layer.weights.map((w) => w.read() as tf.Variable);
  const r = tensor([c.rows, c.units]);
  const result = tf.tidy(() => {
    let output: number[] = [];
    const { grads } = tf.variableGrads(() => {
      const y = viaLayer
        ? (layer.apply(x) as tf.Tensor)
        : denseTraining(
            x as tf.Tensor as tf.Tensor2D,
            variables[0] as tf.Tensor as tf.Tensor2D,
            (variables[1] as tf.Tensor | undefined as tf.Tensor1D | undefined) ?? null,
            c.activation,
            true,
          );
      output = Array.from(y.dataSync());
      return tf.sum(tf.mul(y, r));
    }, [x, ...variables]);
    const gradients = [x, ...variables].map((v) => grads[v.name] as tf.Tensor);
    const terms = tf.matMul(tf.abs(x), tf.abs(variables[0] as tf.Tensor2D));
    const scale = variables[1] === undefined ? terms : tf.add(terms, tf.abs(variables[1]));
    return [
      output,
      ...gradients.map((g) => Array.from(g.dataSync())),
      Array.from(scale.dataSync()),
    ];
  });
  tf.dispose([x, r, ...weights]);
  tf.dispose(variables);
  return result;
}

describe('dense training op', () => {
  it('matches the Dense layer’s output and gradients on the cpu backend and on wasm', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      cases().forEach((c, i) => {
        const expected = outputAndGradients(c, 100 + i, true);
        const actual = outputAndGradients(c, 100 + i, false);
        const scale = expected.pop() as number[];
        actual.pop();
        expect(actual.length, JSON.stringify(c)).toBe(expected.length);
        // The fused kernel adds the bias inside the matmul's sums, the layer after them: the
        // outputs agree to float32 rounding of those sums; the gradients to 1e-6.
        expect(
          worstScaledError(actual[0] as number[], expected[0] as number[], scale),
          `${backend} ${JSON.stringify(c)} output`,
        ).toBeLessThan(1e-6);
        actual.slice(1).forEach((values, j) => {
          const k = j + 1;
          expect(
            worstRelativeError(values, expected[k] as number[]),
            `${backend} ${JSON.stringify(c)} #${k}`,
          ).toBeLessThan(1e-6);
        });
      });
    }
  });

  it('leaves the data out of the tape when no earlier layer trains', async () => {
    await useBackend('cpu');
    const x = tf.tensor2d([1, -2, 3, 0.5], [2, 2]);
    const kernel = tf.variable(tf.tensor2d([0.5, -1, 2, 1], [2, 2]));
    const { grads } = tf.variableGrads(
      () => tf.sum(denseTraining(x, kernel, null, 'relu', false)),
      [kernel],
    );
    // x·W = [[-3.5, -3], [2.5, -1.5]]: only the first row's… second row's first unit is positive.
    expect(Array.from((grads[kernel.name] as tf.Tensor).dataSync())).toEqual([3, 0, 0.5, 0]);
    tf.dispose([x, kernel, grads[kernel.name] as tf.Tensor]);
  });
});
