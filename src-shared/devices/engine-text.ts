import type { WebgpuAdapter } from '../contract/system';
import type { EngineMemory, RunEngine } from '../contract/run-engine';

/** One line naming an adapter: description, then vendor, architecture, device and driver. */
export function adapterText(adapter: WebgpuAdapter): string {
  const name = adapter.description || `${adapter.vendor} ${adapter.device}`.trim() || 'unnamed';
  const parts = [adapter.vendor, adapter.architecture, adapter.device].filter((p) => p !== '');
  const driver = adapter.driver === null ? '' : `, driver ${adapter.driver}`;
  return `${name} (${parts.join(' ')}${driver})${adapter.software ? ', software' : ''}`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function memoryText(memory: EngineMemory): string {
  const gpu =
    memory.gpuBytes === null || memory.peakGpuBytes === null
      ? ''
      : `; GPU buffers ${megabytes(memory.gpuBytes)} (peak ${megabytes(memory.peakGpuBytes)})`;
  return `tensors ${megabytes(memory.bytes)} (peak ${megabytes(memory.peakBytes)})${gpu} at epoch ${memory.epoch}`;
}

/** The engine section of `basin show`: backend, adapter, passed-over backends, kernels, memory. */
export function engineLines(engine: RunEngine): string[] {
  const lines = [`  engine    ${engine.backend} on ${engine.device}, TF.js ${engine.tfjsVersion}`];
  if (engine.adapter !== null) {
    const a = engine.adapter;
    lines.push(
      `  adapter   ${adapterText(a)}`,
      `            maxBufferSize ${megabytes(a.maxBufferSize)}, maxStorageBufferBindingSize ${megabytes(a.maxStorageBufferBindingSize)}`,
    );
  }
  for (const { backend, reason } of engine.skipped) lines.push(`  skipped   ${backend}: ${reason}`);
  for (const { kernel, resolution, detail } of engine.kernels) {
    lines.push(`  kernel    ${kernel} (${resolution}): ${detail}`);
  }
  if (engine.memory !== null) lines.push(`  memory    ${memoryText(engine.memory)}`);
  return lines;
}
