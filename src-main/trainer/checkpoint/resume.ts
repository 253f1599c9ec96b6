import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Optimizer, OptimizerState } from '../optim/optimizer';
import type { RunProgress } from '../loop/run-state';
import { encodeLayersModel, readNamedWeights } from '../../checkpoints/layers-model.tfjs';
import type { RunFolder } from '../../checkpoints/run-folder';
import { packState, unpackState } from './state-pack';

const STATE_FILE = 'resume.json';
const BINARY_FILE = 'resume.bin';

interface SavedOptimizer {
  step: number;
  slots: Record<string, Float32Array>;
}

interface ResumeFile {
  format: 'basin-resume';
  formatVersion: 1;
  specHash: string;
  progress: RunProgress;
  optimizer: SavedOptimizer;
}

function resumeFolderName(progress: RunProgress): string {
  const epoch = `e${String(progress.epochsCompleted).padStart(4, '0')}`;
  return progress.partial === null
    ? `resume-${epoch}`
    : `resume-${epoch}-b${String(progress.partial.batchesDone).padStart(5, '0')}`;
}

/** Writes model, optimizer, generators and every rule's state; the previous resume folder goes. */
export async function saveResume(
  folder: RunFolder,
  model: tf.LayersModel,
  specHash: string,
  progress: RunProgress,
  optimizer: Optimizer,
): Promise<string> {
  const exported = optimizer.exportState();
  const slots: Record<string, Float32Array> = {};
  for (const [name, tensor] of Object.entries(exported.slots))
    slots[name] = (await tensor.data()) as Float32Array;
  const file: ResumeFile = {
    format: 'basin-resume',
    formatVersion: 1,
    specHash,
    progress,
    optimizer: { step: exported.step, slots },
  };
  const { json, binary } = packState(file);
  const files = await encodeLayersModel(model);
  return folder.saveResume(resumeFolderName(progress), files, progress.epochsCompleted, {
    [STATE_FILE]: json,
    [BINARY_FILE]: binary,
  });
}

export interface LoadedResume {
  progress: RunProgress;
  optimizer: OptimizerState;
  weights: tf.NamedTensorMap;
}

/** Reads a resume folder; refuses one written for another spec. The caller disposes the tensors. */
export async function loadResume(path: string, specHash: string): Promise<LoadedResume> {
  const [json, binary] = await Promise.all([
    readFile(join(path, STATE_FILE), 'utf8'),
    readFile(join(path, BINARY_FILE)),
  ]);
  const file = unpackState(json, new Uint8Array(binary)) as ResumeFile;
  if (file.format !== 'basin-resume' || file.formatVersion !== 1) {
    throw new Error(
      `${path} is not a Basin resume checkpoint (format ${String(file.format)} ${String(file.formatVersion)})`,
    );
  }
  if (file.specHash !== specHash) {
    throw new Error(
      `${path} was written for another spec (hash ${file.specHash.slice(0, 12)}…, this run's is ${specHash.slice(0, 12)}…)`,
    );
  }
  const slots: tf.NamedTensorMap = {};
  for (const [name, values] of Object.entries(file.optimizer.slots))
    slots[name] = tf.tensor(values);
  return {
    progress: file.progress,
    optimizer: { step: file.optimizer.step, slots },
    weights: await readNamedWeights(path),
  };
}
