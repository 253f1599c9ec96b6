import * as tf from '@tensorflow/tfjs';
import type { Layer } from '@shared/experiment/spec';
import type { ForwardStep } from './forward-steps';
import { tfjsLayerKind } from './tfjs-layer-kinds';

/**
 * The spec's layer stack as a TF.js Sequential model (so checkpoints are plain layers-format files)
 * plus the forward steps the custom training loop runs (forward-steps.ts); each layer type's TF.js
 * layers come from its entry in tfjs-layer-kinds.ts.
 */
export interface Network {
  model: tf.Sequential;
  steps: ForwardStep[];
  /** One name per spec layer, `l<index>_<type>`, the prefix of its weights' names. */
  layerNames: string[];
}

function layerName(index: number, layer: Layer): string {
  return `l${String(index).padStart(2, '0')}_${layer.type}`;
}

export function buildNetwork(layers: readonly Layer[], inputShape: readonly number[]): Network {
  const model = tf.sequential({ name: 'basin' });
  model.add(tf.layers.inputLayer({ inputShape: [...inputShape], name: 'input' }));
  const steps: ForwardStep[] = [];
  const layerNames: string[] = [];
  layers.forEach((layer, index) => {
    const name = layerName(index, layer);
    layerNames.push(name);
    for (const step of tfjsLayerKind(layer).steps(layer, name, index === layers.length - 1)) {
      model.add(step.layer);
      steps.push(step);
    }
  });
  return { model, steps, layerNames };
}
