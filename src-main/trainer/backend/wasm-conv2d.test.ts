import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  drawConvCases,
  type ConvCase,
  randomValues,
  seededRandom,
  useBackend,
  withKernel,
  worstScaledError,
} from '../testing/backend-agreement';
import { wasmConv2DKernel, wasmFusedConv2DKernel } from './wasm-conv2d';

type Activation = 'linear' | 'relu';

function cases(): (ConvCase & {
  values: Float32Array;
  weights: Float32Array;
  bias: Float32Array | null;
  activation: Activation;
})[] {
  const random = seededRandom(23);
  const fixed: ConvCase[] = [
    { x: [2, 28, 28, 1], filter: [3, 3, 1, 16], strides: [1, 1], pad: 'same' }, // the benchmark CNN…
    { x: [2, 14, 14, 16], filter: [3, 3, 16, 32], strides: [1, 1], pad: 'same' }, // …both layers
    { x: [3, 9, 8, 2], filter: [3, 3, 2, 5], strides: [2, 2], pad: 'same' },
    { x: [1, 6, 10, 1], filter: [2, 4, 1, 3], strides: [1, 3], pad: 'same' },
    { x: [1, 5, 5, 2], filter: [5, 5, 2, 1], strides: [1, 1], pad: 'valid' }, // one output position
    { x: [3, 6, 5, 9], filter: [2, 3, 9, 13], strides: [2, 1], pad: 'same' }, // partial blocks
    { x: [0, 5, 5, 2], filter: [3, 3, 2, 4], strides: [1, 1], pad: 'same' }, // no images
  ];
  return [...fixed, ...drawConvCases(random, 20)].map((c, i) => ({
    ...c,
    values: randomValues(random, c.x),
    weights: randomValues(random, c.filter),
    bias: i % 3 === 2 ? null : randomValues(random, [c.filter[3]]),
    activation: i % 2 === 0 ? 'relu' : 'linear',
  }));
}

type Case = ReturnType<typeof cases>[number];

/** The layer's forward: `fused` through FusedConv2D, else Conv2D (then bias and relu as ops). */
function forward(c: Case, fused: boolean, absolute = false): number[] {
  return tf.tidy(() => {
    const magnitude = (values: Float32Array) => (absolute ? values.map(Math.abs) : values);
    const x = tf.tensor(magnitude(c.values), c.x) as tf.Tensor4D;
    const filter = tf.tensor(magnitude(c.weights), c.filter) as tf.Tensor4D;
    const bias = c.bias === null ? undefined : tf.tensor(magnitude(c.bias));
    const [strides, pad] = [c.strides, c.pad];
    // With |values|, a relu changes nothing: the scale is the sum of |products| and |bias|.
    const activation = absolute ? 'linear' : c.activation;
    if (fused)
      return Array.from(tf.fused.conv2d({ x, filter, strides, pad, bias, activation }).dataSync());
    const convolved = tf.conv2d(x, filter, strides, pad);
    const biased = bias === undefined ? convolved : tf.add(convolved, bias);
    return Array.from((activation === 'relu' ? tf.relu(biased) : biased).dataSync());
  });
}

describe('wasm Conv2D and FusedConv2D (Basin’s product over the padded input)', () => {
  it('match the cpu backend to 1e-6 on random shapes, strides, same and valid padding, bias and relu', async () => {
    const all = cases();
    await useBackend('cpu');
    const expected = all.map((c) => forward(c, true));
    const scales = all.map((c) => forward(c, true, true));

    await useBackend('wasm');
    // Every case is one Basin's kernels take: falling back to TF.js's would fail the test.
    const unused = (kernelName: string): tf.KernelConfig => ({
      kernelName,
      backendName: 'wasm',
      kernelFunc: () => {
        throw new Error(`${kernelName} fell back to TF.js's kernel`);
      },
    });
    const results = withKernel(wasmConv2DKernel(unused(tf.Conv2D)), () =>
      withKernel(wasmFusedConv2DKernel(unused(tf.FusedConv2D)), () =>
        all.map((c) => ({ fused: forward(c, true), plain: forward(c, false) })),
      ),
    );
    all.forEach((c, i) => {
      const label = `x ${JSON.stringify(c.x)} filter ${JSON.stringify(c.filter)} strides ${JSON.stringify(c.strides)} ${c.pad} ${c.activation}${c.bias === null ? ' no bias' : ''}`;
      const reference = expected[i] as number[];
      const scale = scales[i] as number[];
      const { fused, plain } = results[i] as { fused: number[]; plain: number[] };
      expect(fused.length, label).toBe(reference.length);
      expect(worstScaledError(fused, reference, scale), label).toBeLessThan(1e-6);
      expect(worstScaledError(plain, reference, scale), label).toBeLessThan(1e-6);
      if (c.activation === 'relu')
        expect(
          fused.every((v) => v >= 0),
          label,
        ).toBe(true);
    });
  });
});
