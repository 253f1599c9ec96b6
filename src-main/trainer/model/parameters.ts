import type * as tf from '@tensorflow/tfjs';
import { weightSettings } from '@shared/experiment/layer-kinds';
import type { Layer } from '@shared/experiment/spec';
import type { Network } from './network';

/** A trainable variable with the spec layer it belongs to and that layer's weight penalties. */
export interface Parameter {
  variable: tf.Variable;
  /** The owning spec layer's name, e.g. `l00_dense`. */
  owner: string;
  /** Keras kernel_regularizer semantics: penalties apply to kernels, not biases or γ/β. */
  l1: number;
  l2: number;
}

export function trainableParameters(network: Network, layers: readonly Layer[]): Parameter[] {
  return network.model.trainableWeights.map((weight) => {
    const [owner = '', role = ''] = weight.originalName.split('/');
    const index = network.layerNames.indexOf(owner);
    const layer = layers[index];
    if (layer === undefined)
      throw new Error(`weight ${weight.originalName} belongs to no spec layer`);
    const penalised = role === 'kernel' ? weightSettings(layer) : null;
    return {
      variable: weight.read() as tf.Variable,
      owner,
      l1: penalised?.l1 ?? 0,
      l2: penalised?.l2 ?? 0,
    };
  });
}
