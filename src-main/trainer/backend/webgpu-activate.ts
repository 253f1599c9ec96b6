import * as tf from '@tensorflow/tfjs';
import type { WebgpuAdapter } from '@shared/contract/system';
import { adapterText } from '@shared/devices/engine-text';
import { openWebgpuAdapter } from '../../child/webgpu-dawn';
import { gpuErrors, type GpuErrorSource } from './webgpu-errors';

/**
 * Puts TF.js on its webgpu backend over the adapter Dawn chose. The backend package is imported
 * only here and only when webgpu is tried, so CPU runs never load Dawn.
 */
export async function activateWebgpu(): Promise<{ device: string; adapter: WebgpuAdapter }> {
  const opened = await openWebgpuAdapter();
  opened.install();
  // Registers the 'webgpu' backend, which asks navigator.gpu (just installed) for its adapter.
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) {
    throw new Error(`TF.js could not open a WebGPU device on ${adapterText(opened.adapter)}`);
  }
  gpuErrors.watch((tf.backend() as unknown as { device: GpuErrorSource }).device);
  return { device: `GPU (WebGPU: ${adapterText(opened.adapter)})`, adapter: opened.adapter };
}
