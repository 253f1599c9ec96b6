import { z } from 'zod';
import { readyMessageSchema } from './trainer-protocol';

/** What the trainer's tensors held, in bytes: all of them, and those in GPU memory (webgpu). */
export const engineMemorySchema = z.strictObject({
  /** tf.memory().numBytes at the latest epoch end. */
  bytes: z.number().nonnegative(),
  /** The largest tf.memory().numBytes seen at an epoch end. */
  peakBytes: z.number().nonnegative(),
  /** GPU buffers allocated by TF.js (webgpu's numBytesAllocatedInGPU); null on CPU backends. */
  gpuBytes: z.number().nonnegative().nullable(),
  peakGpuBytes: z.number().nonnegative().nullable(),
  epoch: z.number().int().nonnegative(),
});
export type EngineMemory = z.infer<typeof engineMemorySchema>;

/**
 * engine.json in a run's folder: the backend and device a run trained on, the adapter on webgpu,
 * why each better backend was passed over, the kernels the trainer supplied, and its memory.
 */
export const runEngineSchema = readyMessageSchema
  .pick({
    backend: true,
    device: true,
    adapter: true,
    tfjsVersion: true,
    skipped: true,
    kernels: true,
  })
  .extend({ memory: engineMemorySchema.nullable() });
export type RunEngine = z.infer<typeof runEngineSchema>;

export const ENGINE_FILE = 'engine.json';
