import type { ModelShape } from '../experiment/shapes';
import { megabytes } from './engine-text';

/** Rows the trainer scores at once (score-split's chunk). */
const SCORING_ROWS = 1024;
const FLOAT = 4;

export interface MemoryNeeds {
  /** Weights, gradients, two optimizer slots, and the activations of a batch forward and back. */
  totalBytes: number;
  /** The largest single tensor, which must fit one GPU buffer binding. */
  largestBytes: number;
  largestWhat: string;
}

const product = (shape: readonly number[]) => shape.reduce((total, size) => total * size, 1);

/** A rough, deliberately generous estimate of what training a model takes in GPU memory. */
export function memoryNeeds(shape: ModelShape, batchSize: number): MemoryNeeds {
  const rows = Math.max(batchSize, SCORING_ROWS);
  let largestBytes = product(shape.inputShape) * rows * FLOAT;
  let largestWhat = `the input of ${rows} rows`;
  let activations = 0;
  for (const layer of shape.layers) {
    const output = product(layer.outputShape) * rows * FLOAT;
    const weights = layer.params * FLOAT;
    activations += product(layer.outputShape) * batchSize * FLOAT * 2;
    for (const [bytes, what] of [
      [output, `layer ${layer.index + 1} (${layer.type})'s output for ${rows} rows`],
      [weights, `layer ${layer.index + 1} (${layer.type})'s weights`],
    ] as const) {
      if (bytes > largestBytes) [largestBytes, largestWhat] = [bytes, what];
    }
  }
  return { totalBytes: shape.totalParams * FLOAT * 4 + activations, largestBytes, largestWhat };
}

/** Why the model cannot train on an adapter with these limits, or null when it fits. */
export function gpuMemoryProblem(
  needs: MemoryNeeds,
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number },
): string | null {
  const perBuffer = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  if (needs.largestBytes <= perBuffer) return null;
  return `the model needs about ${megabytes(needs.totalBytes)}, and its largest tensor, ${needs.largestWhat}, about ${megabytes(needs.largestBytes)}; the adapter allows ${megabytes(perBuffer)} per buffer (maxStorageBufferBindingSize). Use a smaller model or batch, or another backend.`;
}
