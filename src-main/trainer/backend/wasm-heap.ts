import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Where a tensor's values start on the wasm backend's heap, in bytes. */
export function heapOffset(backend: BackendWasm, info: tf.TensorInfo): number {
  const offset = backend.dataIdMap.get(info.dataId)?.memoryOffset;
  if (typeof offset !== 'number') throw new Error('a tensor is not on the wasm heap');
  return offset;
}

/** The wasm backend's memory, which Basin's SIMD kernels import to work on tensors in place. */
export function heapMemory(backend: BackendWasm): WebAssembly.Memory {
  // The Emscripten module keeps its instance's exports, the memory among them, as `asm`.
  const module = backend.wasm as unknown as { asm?: { memory?: unknown } };
  const memory = module.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) {
    throw new Error(
      'the wasm backend does not expose its memory (asm.memory); Basin’s wasm kernels need it',
    );
  }
  return memory;
}
