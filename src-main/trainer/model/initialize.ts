import * as tf from '@tensorflow/tfjs';
import { weightSettings } from '@shared/experiment/layer-kinds';
import type { Layer } from '@shared/experiment/spec';
import type { Rng } from '@shared/random';
import { initialValues } from './initializers';
import type { Network } from './network';

function coreLayer(network: Network, name: string): tf.layers.Layer {
  const step = network.steps.find((s) => s.layer.name === name);
  if (step === undefined) throw new Error(`network has no layer ${name}`);
  return step.layer;
}

/**
 * Draws every dense and conv kernel and bias from the spec's initializers, layer by layer in order,
 * from one generator. `outputBias` replaces the last weighted layer's bias when given.
 */
export function initializeNetwork(
  network: Network,
  layers: readonly Layer[],
  rng: Rng,
  outputBias: Float32Array | null,
): void {
  const lastWeighted = layers.findLastIndex((layer) => weightSettings(layer) !== null);
  layers.forEach((layer, index) => {
    const weights = weightSettings(layer);
    if (weights === null) return;
    const tfLayer = coreLayer(network, network.layerNames[index] as string);
    const [kernel, bias] = tfLayer.getWeights();
    if (kernel === undefined) throw new Error(`layer ${tfLayer.name} has no kernel`);
    const values = [
      tf.tensor(initialValues(weights.kernelInitializer, kernel.shape, rng), kernel.shape),
    ];
    if (bias !== undefined) {
      const drawn = initialValues(weights.biasInitializer, bias.shape, rng, kernel.shape);
      const chosen =
        index === lastWeighted && outputBias !== null && outputBias.length === drawn.length
          ? outputBias
          : drawn;
      values.push(tf.tensor(chosen, bias.shape));
    }
    tfLayer.setWeights(values);
    tf.dispose(values);
  });
}
