import { existsSync } from 'node:fs';
import type { WebgpuAdapter } from '@shared/contract/system';
import { adapterText } from '@shared/devices/engine-text';
import { softwareAllowed } from '@shared/devices/webgpu-placement';

/**
 * Dawn for Node (the `webgpu` package's prebuilt dawn.node): finding an adapter and describing it.
 * Loaded only by processes that may train or probe on WebGPU (trainer, evaluator, probe child),
 * never by the lab.
 */

/** Debian's Chromium ships SwiftShader, a Vulkan driver that runs on the CPU. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

interface DawnAdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  driver?: string;
  isFallbackAdapter?: boolean;
}

interface DawnBuffer {
  destroy(): void;
}

interface DawnDevice {
  createBuffer(descriptor: { size: number; usage: number }): DawnBuffer;
  queue: {
    writeBuffer(buffer: DawnBuffer, offset: number, data: Uint8Array): void;
    onSubmittedWorkDone(): Promise<void>;
  };
}

interface DawnAdapter {
  info?: DawnAdapterInfo;
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  requestDevice(descriptor?: { requiredLimits?: Record<string, number> }): Promise<DawnDevice>;
}

interface DawnGpu {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<DawnAdapter | null | undefined>;
}

interface DawnModule {
  create(flags: string[]): DawnGpu;
  globals: Record<string, unknown>;
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|software|warp|basic render/i;

export function describeAdapter(adapter: DawnAdapter): WebgpuAdapter {
  const info = adapter.info ?? {};
  const text = (value: string | undefined) => value ?? '';
  const names = [info.vendor, info.architecture, info.device, info.description].join(' ');
  return {
    vendor: text(info.vendor),
    architecture: text(info.architecture),
    device: text(info.device),
    description: text(info.description),
    driver: info.driver === undefined || info.driver === '' ? null : info.driver,
    software: info.isFallbackAdapter === true || SOFTWARE_NAMES.test(names),
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
  };
}

async function loadDawn(): Promise<DawnModule> {
  // By a name the bundler cannot see: dawn.node is a native addon loaded at runtime.
  const name: string = 'webgpu';
  const loaded = (await import(name)) as DawnModule & { default?: DawnModule };
  const dawn = loaded.default ?? loaded;
  // GPUBufferUsage, GPUMapMode, ... are globals in a browser; TF.js's webgpu backend needs them.
  Object.assign(globalThis, dawn.globals);
  return dawn;
}

/**
 * Points the Vulkan loader at Chromium's SwiftShader (read when Dawn creates its next instance),
 * unless the user already named the drivers to load or the ICD is not installed.
 */
function pointAtSwiftShader(env: NodeJS.ProcessEnv): boolean {
  const named = env.VK_ICD_FILENAMES !== undefined || env.VK_DRIVER_FILES !== undefined;
  if (named || !existsSync(SWIFTSHADER_ICD)) return false;
  env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  return true;
}

export interface OpenedAdapter {
  adapter: WebgpuAdapter;
  /** Allocates and fills a GPU buffer of `bytes` on this adapter, to see where memory goes. */
  hold(bytes: number): Promise<void>;
  /** Hands TF.js's webgpu backend exactly this adapter when it asks navigator.gpu for one. */
  install(): void;
}

/**
 * Dawn instances stay referenced for the life of the process: an adapter whose instance was
 * garbage-collected crashes the process (SIGSEGV) when it is used.
 */
const instances: DawnGpu[] = [];
const held: DawnBuffer[] = [];

async function requestFrom(dawn: DawnModule): Promise<DawnAdapter | null> {
  const gpu = dawn.create([]);
  instances.push(gpu);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  return adapter ?? null;
}

/**
 * The adapter a WebGPU run trains on: the one Dawn prefers (a discrete GPU first). A software
 * adapter only with BASIN_WEBGPU_SOFTWARE=1, and then, where Dawn sees no adapter at all, Basin
 * points the Vulkan loader at Chromium's SwiftShader itself. Throws a reason a person can act on.
 */
export async function openWebgpuAdapter(
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenedAdapter> {
  const dawn = await loadDawn();
  let found = await requestFrom(dawn);
  const allowSoftware = softwareAllowed(env);
  if (found === null && allowSoftware && pointAtSwiftShader(env)) found = await requestFrom(dawn);
  if (found === null) {
    throw new Error(
      'Dawn found no WebGPU adapter (a GPU needs a Vulkan driver on Linux, Metal on macOS, D3D12 on Windows)',
    );
  }
  const adapter = describeAdapter(found);
  if (adapter.software && !allowSoftware) {
    throw new Error(
      `the only WebGPU adapter is ${adapterText(adapter)}, a software renderer; set BASIN_WEBGPU_SOFTWARE=1 to train on it`,
    );
  }
  const chosen = found;
  return {
    adapter,
    hold: async (bytes) => {
      const device = await chosen.requestDevice({ requiredLimits: { maxBufferSize: bytes } });
      const usage = (
        globalThis as unknown as { GPUBufferUsage: { STORAGE: number; COPY_DST: number } }
      ).GPUBufferUsage;
      const buffer = device.createBuffer({ size: bytes, usage: usage.STORAGE | usage.COPY_DST });
      held.push(buffer);
      device.queue.writeBuffer(buffer, 0, new Uint8Array(Math.min(bytes, 1 << 20)).fill(1));
      await device.queue.onSubmittedWorkDone();
    },
    install: () => {
      Object.defineProperty(globalThis.navigator, 'gpu', {
        value: { requestAdapter: () => Promise.resolve(chosen) },
        configurable: true,
      });
    },
  };
}

/**
 * Every adapter Dawn offers this process (the high-performance and the low-power choice, which
 * are one adapter on single-GPU machines), software ones marked; with BASIN_WEBGPU_SOFTWARE=1 and
 * no adapter at all, Chromium's SwiftShader as the trainer would find it. For system.info.
 */
export async function listWebgpuAdapters(
  env: NodeJS.ProcessEnv = process.env,
): Promise<WebgpuAdapter[]> {
  const dawn = await loadDawn();
  const seen: WebgpuAdapter[] = [];
  const collect = async () => {
    const gpu = dawn.create([]);
    instances.push(gpu);
    for (const powerPreference of ['high-performance', 'low-power'] as const) {
      const found = await gpu.requestAdapter({ powerPreference });
      if (!found) continue;
      const adapter = describeAdapter(found);
      if (!seen.some((a) => JSON.stringify(a) === JSON.stringify(adapter))) seen.push(adapter);
    }
  };
  await collect();
  if (seen.length === 0 && softwareAllowed(env) && pointAtSwiftShader(env)) await collect();
  return seen;
}
