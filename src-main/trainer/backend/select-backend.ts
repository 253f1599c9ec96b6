import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BACKENDS_BEST_FIRST, type BackendName, type WebgpuAdapter } from '@shared/contract/system';
import { SOFTWARE_SLOT_ENV } from '@shared/devices/webgpu-placement';
import { activateWebgpu } from './webgpu-activate';

export interface SkippedBackend {
  backend: BackendName;
  reason: string;
}

export interface BackendSelection {
  backend: BackendName;
  device: string;
  /** The WebGPU adapter, on the webgpu backend only. */
  adapter: WebgpuAdapter | null;
  skipped: SkippedBackend[];
}

interface Activated {
  device: string;
  adapter: WebgpuAdapter | null;
}

/** Where a run may go, best first, and the environment that decides it. */
export interface BackendRequest {
  /** A backend the spec insists on; null lets the trainer pick the best that loads. */
  forced: BackendName | null;
  cudaVisibleDevices: string | undefined;
  /** BASIN_WEBGPU_SLOT: "software" on the slot the lab gives a software WebGPU adapter. */
  webgpuSlot?: string | undefined;
}

const requireHere = createRequire(import.meta.url);

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

function gpuAssigned(cudaVisibleDevices: string | undefined): boolean {
  return (
    cudaVisibleDevices !== undefined &&
    cudaVisibleDevices.trim() !== '' &&
    cudaVisibleDevices.trim() !== '-1'
  );
}

/** Loads a native TF.js package by a name the bundler cannot see, so its absence is a runtime fact. */
async function loadNative(packageName: string): Promise<void> {
  const load = (name: string): Promise<unknown> => import(name);
  await load(packageName);
}

async function activate(backend: BackendName, request: BackendRequest): Promise<Activated> {
  if (backend === 'webgpu') {
    const onGpuSlot =
      gpuAssigned(request.cudaVisibleDevices) ||
      request.webgpuSlot === SOFTWARE_SLOT_ENV.BASIN_WEBGPU_SLOT;
    if (request.forced === null && !onGpuSlot) {
      throw new Error('this run is on a CPU slot, and WebGPU runs only on GPU slots');
    }
    return activateWebgpu();
  }
  return { device: await activateCpuOrCuda(backend, request), adapter: null };
}

async function activateCpuOrCuda(
  backend: Exclude<BackendName, 'webgpu'>,
  request: BackendRequest,
): Promise<string> {
  switch (backend) {
    case 'tensorflow-gpu':
      if (!gpuAssigned(request.cudaVisibleDevices)) {
        throw new Error('CUDA_VISIBLE_DEVICES is not set, so this run was not placed on a GPU');
      }
      await loadNative('@tensorflow/tfjs-node-gpu');
      if (!(await tf.setBackend('tensorflow')))
        throw new Error('libtensorflow (GPU) failed to initialise');
      return `GPU (CUDA_VISIBLE_DEVICES=${request.cudaVisibleDevices})`;
    case 'tensorflow':
      await loadNative('@tensorflow/tfjs-node');
      if (!(await tf.setBackend('tensorflow')))
        throw new Error('libtensorflow failed to initialise');
      return 'CPU (libtensorflow)';
    case 'wasm': {
      setWasmPaths(`${dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
      if (!(await tf.setBackend('wasm')))
        throw new Error('the WebAssembly module failed to initialise');
      const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD';
      return `CPU (WebAssembly, ${simd}, 1 thread)`;
    }
    case 'cpu':
      if (!(await tf.setBackend('cpu')))
        throw new Error('the JavaScript backend failed to initialise');
      return 'CPU (JavaScript)';
  }
}

const preference = BACKENDS_BEST_FIRST;

/**
 * Activates the best backend that loads in this process and says why each better one was passed
 * over. A forced backend that does not load is an error, never a silent substitution.
 */
export async function selectBackend(request: BackendRequest): Promise<BackendSelection> {
  const { forced } = request;
  if (forced !== null) {
    try {
      const { device, adapter } = await activate(forced, request);
      await tf.ready();
      const better = preference.slice(0, preference.indexOf(forced));
      return {
        backend: forced,
        device,
        adapter,
        skipped: better.map((backend) => ({ backend, reason: `the spec forces ${forced}` })),
      };
    } catch (error) {
      throw new Error(
        `The spec forces the ${forced} backend, but it cannot load here: ${errorText(error)}.`,
        { cause: error },
      );
    }
  }
  const skipped: SkippedBackend[] = [];
  for (const backend of preference) {
    try {
      const { device, adapter } = await activate(backend, request);
      await tf.ready();
      return { backend, device, adapter, skipped };
    } catch (error) {
      skipped.push({ backend, reason: errorText(error) });
    }
  }
  const reasons = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  throw new Error(`No TF.js backend could be loaded (${reasons}).`);
}
