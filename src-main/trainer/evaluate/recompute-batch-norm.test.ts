import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { layerSchema } from '@shared/experiment';
import { selectBackend } from '../backend/select-backend';
import { batchNormWeights } from '../model/forward';
import { buildNetwork } from '../model/network';
import { recomputeBatchNorm } from './recompute-batch-norm';
import fixture from './fixtures/torch-update-bn.json';

describe('recomputeBatchNorm', () => {
  it.each(['cpu', 'wasm'] as const)(
    'matches torch.optim.swa_utils.update_bn on %s (float32)',
    async (backend) => {
      await selectBackend({ forced: backend, cudaVisibleDevices: undefined });
      const layers = [
        { type: 'dense', units: 5 },
        { type: 'batchNorm', epsilon: fixture.epsilon },
        { type: 'activation', activation: 'relu' },
        { type: 'dense', units: 4 },
        { type: 'batchNorm', epsilon: fixture.epsilon },
      ].map((layer) => layerSchema.parse(layer));
      const network = buildNetwork(layers, [3]);
      const dense = network.steps
        .filter((step) => step.layer.name.endsWith('_dense'))
        .map((step) => step.layer);
      dense[0]?.setWeights([tf.tensor(fixture.kernels.first), tf.tensor(fixture.biases.first)]);
      dense[1]?.setWeights([tf.tensor(fixture.kernels.second), tf.tensor(fixture.biases.second)]);
      const part = {
        count: fixture.inputs.length,
        x: Float32Array.from(fixture.inputs.flat()),
        y: new Float32Array(fixture.inputs.length),
      };

      await recomputeBatchNorm(network, part as never, [3], { kind: 'column' }, fixture.batchSize);

      const norms = network.steps
        .filter((step) => step.kind === 'batchNorm')
        .map((step) => batchNormWeights(step.layer));
      const expected = [fixture.expected.first, fixture.expected.second];
      norms.forEach((norm, i) => {
        const want = expected[i] as { mean: number[]; variance: number[] };
        const mean = Array.from(norm.movingMean.dataSync());
        const variance = Array.from(norm.movingVariance.dataSync());
        want.mean.forEach((value, c) => expect(mean[c]).toBeCloseTo(value, 5));
        want.variance.forEach((value, c) => expect(variance[c]).toBeCloseTo(value, 5));
      });
    },
  );
});
