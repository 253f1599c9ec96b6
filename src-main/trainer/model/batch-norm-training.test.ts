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
import { layerSchema } from '@shared/experiment';
import { provideKernels } from '../backend/required-kernels';
import {
  BATCH_NORM_BACKPROP,
  wasmBatchNormBackpropKernel,
} from '../backend/wasm-batch-norm-backprop';
import { batchNormTraining } from './batch-norm-training';

function shapes(): number[][] {
  const random = seededRandom(21);
  const fixed = [
    [128, 256], // the benchmark MLP
    [2, 3],
    [4, 5, 5, 3],
    [1, 2, 2, 4],
  ];
  const drawn = Array.from({ length: 10 }, () => {
    const rank = between(random, 2, 4);
    return [
      between(random, 2, 9),
      ...Array.from({ length: rank - 1 }, () => between(random, 1, 6)),
    ];
  });
  return [...fixed, ...drawn];
}

/**
 * Output and the gradients of Σ y·r with respect to x, γ and β, via TF.js's own ops or the op, and
 * last the size of the terms that cancel in dx, |γ|/√(σ² + ε)·(|dy| + 2·max|dy|): dx is their
 * small difference, so its rounding error scales with them, not with dx itself.
 */
function outputAndGradients(shape: number[], seed: number, closedForm: boolean): number[][] {
  const random = seededRandom(seed);
  const channels = shape.at(-1) as number;
  const x = tf.variable(
    tf.tensor(
      randomValues(random, shape).map((v) => 3 * v + 1),
      shape,
    ),
  );
  const gamma = tf.variable(tf.tensor1d(randomValues(random, [channels]).map((v) => v + 1.5)));
  const beta = tf.variable(tf.tensor1d(randomValues(random, [channels])));
  const r = tf.tensor(randomValues(random, shape), shape);
  const epsilon = 1e-3;
  const result = tf.tidy(() => {
    let output: number[] = [];
    let scale: number[] = [];
    const { grads } = tf.variableGrads(() => {
      const axes = shape.slice(0, -1).map((_, axis) => axis);
      const { mean, variance } = tf.moments(x, axes);
      const y = closedForm
        ? batchNormTraining(x, gamma, beta, mean, variance, epsilon)
        : tf.batchNorm(x, mean, variance, beta, gamma, epsilon);
      output = Array.from(y.dataSync());
      const terms = tf.add(tf.abs(r), tf.mul(2, tf.max(tf.abs(r))));
      scale = Array.from(
        tf.mul(terms, tf.div(tf.abs(gamma), tf.sqrt(tf.add(variance, epsilon)))).dataSync(),
      );
      return tf.sum(tf.mul(y, r));
    }, [x, gamma, beta]);
    const gradients = [x, gamma, beta].map((v) => grads[v.name] as tf.Tensor);
    return [output, ...gradients.map((g) => Array.from(g.dataSync())), scale];
  });
  tf.dispose([x, gamma, beta, r]);
  return result;
}

describe('batch norm training op', () => {
  it('matches TF.js’s own batch norm and its gradients on cpu and wasm', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await useBackend(backend);
      shapes().forEach((shape, i) => {
        const expected = outputAndGradients(shape, 300 + i, false);
        const actual = outputAndGradients(shape, 300 + i, true);
        const label = `${backend} ${JSON.stringify(shape)}`;
        const [y, dx, dGamma, dBeta, scale] = expected as [
          number[],
          number[],
          number[],
          number[],
          number[],
        ];
        expect(worstRelativeError(actual[0] as number[], y), `${label} y`).toBeLessThan(1e-6);
        expect(worstScaledError(actual[1] as number[], dx, scale), `${label} dx`).toBeLessThan(
          1e-6,
        );
        expect(worstRelativeError(actual[2] as number[], dGamma), `${label} dγ`).toBeLessThan(1e-6);
        expect(worstRelativeError(actual[3] as number[], dBeta), `${label} dβ`).toBeLessThan(1e-6);
      });
    }
  });
});

describe('batch norm training op on wasm with Basin’s kernels', () => {
  it('gives the op-by-op closed form’s bits through the one-kernel backward', async () => {
    await useBackend('wasm');
    provideKernels([layerSchema.parse({ type: 'batchNorm' })], 'wasm');
    const cases = [
      [128, 256],
      [128, 128],
      [6, 4],
      [3, 5, 5, 8],
      [2, 12],
      [1, 4],
    ];
    try {
      cases.forEach((shape, i) => {
        const fused = outputAndGradients(shape, 400 + i, true);
        tf.unregisterKernel(BATCH_NORM_BACKPROP, 'wasm');
        const opByOp = outputAndGradients(shape, 400 + i, true);
        tf.registerKernel(wasmBatchNormBackpropKernel);
        expect(fused, JSON.stringify(shape)).toEqual(opByOp);
      });
    } finally {
      if (tf.getKernel(BATCH_NORM_BACKPROP, 'wasm') !== undefined) {
        tf.unregisterKernel(BATCH_NORM_BACKPROP, 'wasm');
      }
    }
  });
});
