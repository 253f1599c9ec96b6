import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ENGINE_FILE, type EngineMemory, type RunEngine } from '@shared/contract/run-engine';
import type { TrainerLink } from './loop/run-context';

interface TfMemory {
  numBytes: number;
  /** GPU buffers TF.js holds, on the webgpu backend (its buffer pool included). */
  numBytesAllocatedInGPU?: number;
}

function memoryAt(epoch: number, previous: EngineMemory | null): EngineMemory {
  const memory = tf.memory() as TfMemory;
  const gpuBytes = memory.numBytesAllocatedInGPU ?? null;
  return {
    bytes: memory.numBytes,
    peakBytes: Math.max(memory.numBytes, previous?.peakBytes ?? 0),
    gpuBytes,
    peakGpuBytes: gpuBytes === null ? null : Math.max(gpuBytes, previous?.peakGpuBytes ?? 0),
    epoch,
  };
}

/**
 * Wraps the link to the parent so the run folder keeps engine.json: written when the trainer is
 * ready, its memory refreshed at every epoch end. `basin show` and Run detail read it.
 */
export function recordEngine(folder: string, link: TrainerLink): TrainerLink {
  let engine: RunEngine | null = null;
  const save = (record: RunEngine) => writeFile(join(folder, ENGINE_FILE), JSON.stringify(record));
  return {
    ...link,
    emit: async (message) => {
      if (message.type === 'ready') {
        const { backend, device, adapter, tfjsVersion, skipped, kernels } = message;
        engine = { backend, device, adapter, tfjsVersion, skipped, kernels, memory: null };
        await save(engine);
      } else if (message.type === 'epoch' && engine !== null) {
        engine = { ...engine, memory: memoryAt(message.epoch, engine.memory) };
        await save(engine);
      }
      await link.emit(message);
    },
  };
}
