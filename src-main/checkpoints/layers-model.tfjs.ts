import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { MODEL_FILE, WEIGHTS_FILE, type LayersModelFiles } from './layers-files';

// The TF.js half of the checkpoint format. Its `.tfjs.ts` suffix is a lint class: only the trainer,
// the evaluator and other `.tfjs.ts` files may import it, so the lab never loads TF.js through it.

/**
 * Serialises a model to the two files of the TF.js layers format, through an IOHandler that keeps
 * the artifacts in memory (tfjs-node's file:// handler is not available on every backend).
 */
export async function encodeLayersModel(model: tf.LayersModel): Promise<LayersModelFiles> {
  let files: LayersModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(tf.io.concatenateArrayBuffers(artifacts.weightData ?? []));
      const manifest = [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }];
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: manifest,
      };
      files = { [MODEL_FILE]: JSON.stringify(modelJson), [WEIGHTS_FILE]: weights };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (files === undefined) throw new Error('model.save did not call the save handler');
  return files;
}

/** An IOHandler that reads a layers-format folder from disk, for tf.loadLayersModel. */
export function layersFolderHandler(folder: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJson = JSON.parse(
        await readFile(join(folder, MODEL_FILE), 'utf8'),
      ) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const path of group.paths) {
            const bytes = await readFile(join(folder, path));
            buffers.push(
              bytes.buffer.slice(
                bytes.byteOffset,
                bytes.byteOffset + bytes.byteLength,
              ) as ArrayBuffer,
            );
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

export function loadLayersFolder(folder: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(layersFolderHandler(folder));
}

/** The weights of a layers-format folder by their saved names (e.g. `l00_dense/kernel`). */
export async function readNamedWeights(folder: string): Promise<tf.NamedTensorMap> {
  const artifacts = await layersFolderHandler(folder).load?.();
  if (artifacts?.weightSpecs === undefined || artifacts.weightData === undefined) {
    throw new Error(`${folder} holds no weights`);
  }
  return tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
}
