import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { layerSchema } from '@shared/experiment';
import { provideKernels } from '../backend/required-kernels';
import {
  between,
  randomValues,
  seededRandom,
  useBackend,
  worstScaledError,
} from '../testing/backend-agreement';
import { conv2dTraining } from './conv2d-training';
import type { CoreActivation } from './forward-steps';

interface Case {
  x: [number, number, number, number];
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  padding: 'same' | 'valid';
  activation: CoreActivation;
  useBias: boolean;
}

function cases(): Case[] {
  const random = seededRandom(31);
  const fixed: Case[] = [
    {
      x: [4, 14, 14, 16],
      filters: 32,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'same',
      activation: 'relu',
      useBias: true,
    },
    {
      x: [2, 9, 8, 3],
      filters: 5,
      kernelSize: [3, 2],
      strides: [2, 1],
      padding: 'valid',
      activation: 'linear',
      useBias: false,
    },
  ];
  const drawn = Array.from({ length: 10 }, (_, i): Case => {
    const kernelSize: [number, number] = [between(random, 1, 4), between(random, 1, 4)];
    return {
      x: [
        between(random, 1, 3),
        between(random, kernelSize[0], 10),
        between(random, kernelSize[1], 10),
        between(random, 1, 6),
      ],
      filters: between(random, 1, 9),
      kernelSize,
      strides: [between(random, 1, 3), between(random, 1, 3)],
      padding: i % 2 === 0 ? 'same' : 'valid',
      activation: i % 3 === 0 ? 'linear' : 'relu',
      useBias: i % 4 !== 1,
    };
  });
  return [...fixed, ...drawn];
}

/**
 * Output, then the gradients of Σ y·r with respect to x, kernel and bias, flattened; last, the
 * same through |x|, |W|, |b| and |r|, the size of each value's rounding error.
 */
function outputAndGradients(
  c: Case,
  seed: number,
  viaLayer: boolean,
  absolute = false,
): number[][] {
  const random = seededRandom(seed);
  const magnitude = (values: Float32Array) => (absolute ? values.map(Math.abs) : values);
  const tensor = (shape: number[]) => tf.tensor(magnitude(randomValues(random, shape)), shape);
  const x = tf.variable(tensor(c.x));
  const { filters, kernelSize, strides, padding, useBias } = c;
  const activation = absolute ? 'linear' : c.activation;
  const layer = tf.layers.conv2d({ filters, kernelSize, strides, padding, activation, useBias });
  layer.build([null, ...c.x.slice(1)]);
  const weights = [
    tensor([...kernelSize, c.x[3], filters]),
    ...(useBias ? [tensor([filters])] : []),
  ];
  layer.setWeights(weights);
  const variables = layer.weights.map((w) => w.read() as tf.Variable);
  const outputShape = layer.computeOutputShape([c.x[0], ...c.x.slice(1)]) as number[];
  const r = tensor(outputShape);
  const result = tf.tidy(() => {
    let output: number[] = [];
    const { grads } = tf.variableGrads(() => {
      const y = viaLayer
        ? (layer.apply(x) as tf.Tensor)
        : conv2dTraining(
            x as tf.Tensor as tf.Tensor4D,
            variables[0] as tf.Tensor as tf.Tensor4D,
            (variables[1] as tf.Tensor | undefined as tf.Tensor1D | undefined) ?? null,
            { kind: 'conv2d', activation, strides, padding },
            true,
          );
      output = Array.from(y.dataSync());
      return tf.sum(tf.mul(y, r));
    }, [x, ...variables]);
    return [
      output,
      ...[x, ...variables].map((v) => Array.from((grads[v.name] as tf.Tensor).dataSync())),
    ];
  });
  tf.dispose([x, r, ...weights]);
  tf.dispose(variables);
  return result;
}

describe('conv2d training op', () => {
  it('matches the Conv2D layer’s output and gradients on the cpu backend and on wasm with Basin’s kernels', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      if (backend === 'wasm') {
        provideKernels([layerSchema.parse({ type: 'conv2d', filters: 1, kernelSize: 1 })], 'wasm');
      }
      cases().forEach((c, i) => {
        const expected = outputAndGradients(c, 100 + i, true);
        const actual = outputAndGradients(c, 100 + i, false);
        const scales = outputAndGradients(c, 100 + i, true, true);
        expect(actual.length, JSON.stringify(c)).toBe(expected.length);
        actual.forEach((values, k) => {
          expect(
            worstScaledError(values, expected[k] as number[], scales[k] as number[]),
            `${backend} ${JSON.stringify(c)} #${k}`,
          ).toBeLessThan(1e-6);
        });
      });
    }
  });

  it('leaves the data out of the tape when no earlier layer trains', async () => {
    await useBackend('cpu');
    const x = tf.ones([1, 2, 2, 1]) as tf.Tensor4D;
    const kernel = tf.variable(tf.tensor4d([1, -1, 2, 0.5], [2, 2, 1, 1]));
    const core = {
      kind: 'conv2d',
      activation: 'relu',
      strides: [1, 1],
      padding: 'valid',
    } satisfies Parameters<typeof conv2dTraining>[3];
    const { grads } = tf.variableGrads(
      () => tf.sum(conv2dTraining(x, kernel, null, core, false)),
      [kernel],
    );
    // One output position, 1 − 1 + 2 + 0.5 > 0: each tap's gradient is its input, 1.
    expect(Array.from((grads[kernel.name] as tf.Tensor).dataSync())).toEqual([1, 1, 1, 1]);
    tf.dispose([x, kernel, grads[kernel.name] as tf.Tensor]);
  });
});
