import * as tf from '@tensorflow/tfjs';
import type { LandscapeRequest } from '@shared/contract/landscape-protocol';
import type { SplitPart } from '@shared/data/prepare/prepared';
import { resolve, validateSpec, type ResolvedSpec } from '@shared/experiment';
import { evenlySpacedRows } from '@shared/landscape';
import { loadDataset } from '../../data/load-dataset';
import { readNamedWeights } from '../../checkpoints/layers-model.tfjs';
import type { ScoringSetup } from '../../trainer/evaluate/score-split';
import { planRun } from '../../trainer/loop/run-plan';
import { foldedActivation } from '../../trainer/model/forward';
import { buildNetwork, type Network } from '../../trainer/model/network';
import type { WeightSet } from '../../trainer/model/weight-sets';
import type { LandscapeData } from './landscape-scorer';

export interface LandscapeInputs {
  setup: ScoringSetup;
  data: LandscapeData;
  /** The training batch size: batch-norm statistics are recomputed in the batches they trained on. */
  batchSize: number;
  weights: WeightSet[];
  shapes: number[][];
}

/**
 * Training rows scored at every point, and over which batch-norm statistics are recomputed: an even
 * sample beyond this many, so a landscape of a large split costs seconds per point, not minutes
 * (the Fashion-MNIST MLP: 10k of 54k rows). The result records how many were used.
 */
export const LANDSCAPE_TRAIN_ROWS = 10_000;

function sampleOf(part: SplitPart, inputWidth: number, limit: number): SplitPart {
  if (part.count <= limit) return part;
  const rows = evenlySpacedRows(part.count, limit);
  const x = new Float32Array(rows.length * inputWidth);
  rows.forEach((row, i) =>
    x.set(part.x.subarray(row * inputWidth, (row + 1) * inputWidth), i * inputWidth),
  );
  return {
    count: rows.length,
    x,
    y: Float32Array.from(rows, (row) => part.y[row] as number),
    rows: Int32Array.from(rows, (row) => part.rows[row] as number),
  };
}

/** A checkpoint's weights in the network's order, by saved name; says which one is missing. */
async function weightsOf(network: Network, folder: string): Promise<WeightSet> {
  const saved = await readNamedWeights(folder);
  try {
    return network.model.weights.map((weight) => {
      const tensor = saved[weight.originalName];
      if (tensor === undefined || !tf.util.arraysEqual(tensor.shape, weight.shape as number[])) {
        throw new Error(
          `${folder} has no weight ${weight.originalName} of shape [${weight.shape.join(', ')}]: it is not a checkpoint of this model`,
        );
      }
      return Float32Array.from(tensor.dataSync() as Float32Array);
    });
  } finally {
    tf.dispose(Object.values(saved));
  }
}

/** The data, network and checkpoint weights of a request, read as the trainer reads them. */
export async function loadLandscapeInputs(request: LandscapeRequest): Promise<LandscapeInputs> {
  const given = resolve(request.spec);
  const dataset = await loadDataset(given.data, given.split, {
    resourcesDir: request.data.resourcesDir,
    ...(request.data.fashionMnistDir === null
      ? {}
      : { fashionMnistDir: request.data.fashionMnistDir }),
    fold: request.fold ?? 0,
  });
  const validation = validateSpec(request.spec, dataset.facts);
  if (!validation.ok) {
    throw new Error(
      `The run's spec does not fit its data: ${validation.problems.map((p) => p.text).join('; ')}`,
    );
  }
  const spec: ResolvedSpec = validation.spec;
  const loss = spec.optimization.loss;
  if (loss === 'auto') throw new Error('optimization.loss is still "auto" after the data was read');
  const network = buildNetwork(spec.model.layers, dataset.facts.inputShape);
  const columns = network.model.outputs[0]?.shape.at(-1) ?? 1;
  const weights = [];
  for (const folder of request.checkpoints) weights.push(await weightsOf(network, folder));
  return {
    setup: {
      network,
      loss,
      folded: foldedActivation(network),
      inputShape: dataset.facts.inputShape,
      layout:
        loss.kind === 'categoricalCrossentropy'
          ? { kind: 'oneHot', classes: columns }
          : { kind: 'column' },
      columns,
    },
    data: {
      task: dataset.facts.task,
      train: sampleOf(
        dataset.train,
        dataset.facts.inputShape.reduce((a, b) => a * b, 1),
        LANDSCAPE_TRAIN_ROWS,
      ),
      trainTotal: dataset.train.count,
      validation: dataset.validation,
    },
    batchSize: planRun(spec, dataset.train.count).batchSize,
    weights,
    shapes: network.model.weights.map((weight) => weight.shape as number[]),
  };
}
