import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { webgpuAdapterSchema, type WebgpuAdapters } from '@shared/contract/system';
import {
  describePlacement,
  type PlacementFacts,
  webgpuSlotEnvironment,
} from '@shared/devices/webgpu-placement';
import type { GpuDiscovery } from '@shared/devices/nvidia-smi';
import { discoverPciBusIds } from './gpus';

/** The probe child's answer to `probe.js adapters`. */
export const adapterListSchema = z.strictObject({
  adapters: z.array(webgpuAdapterSchema),
  reason: z.string().nullable(),
});
export type AdapterList = z.infer<typeof adapterListSchema>;

/** Lists the WebGPU adapters Dawn sees, in a child: loading Dawn can crash or hang a process. */
export function listAdaptersInChild(probeScript: string, timeoutMs = 60_000): Promise<AdapterList> {
  return new Promise((resolve) => {
    const child = fork(probeScript, ['adapters'], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ adapters: [], reason: `Listing WebGPU adapters took over ${timeoutMs} ms.` });
    }, timeoutMs);
    const finish = (list: AdapterList) => {
      clearTimeout(timer);
      resolve(list);
    };
    child.on('message', (message) => {
      const parsed = adapterListSchema.safeParse(message);
      finish(
        parsed.success
          ? parsed.data
          : { adapters: [], reason: 'The adapter probe sent a reply Basin could not read.' },
      );
    });
    child.on('error', (error) =>
      finish({ adapters: [], reason: `The adapter probe could not start: ${error.message}` }),
    );
    child.on('close', (code, signal) =>
      finish({
        adapters: [],
        reason: `The adapter probe ${signal === null ? `exited with ${code}` : `was killed by ${signal}`} without an answer.`,
      }),
    );
  });
}

const LAYER_FOLDERS = [
  '/usr/share/vulkan/implicit_layer.d',
  '/etc/vulkan/implicit_layer.d',
  '/usr/local/share/vulkan/implicit_layer.d',
];

/** Whether Mesa's Vulkan device-select layer (mesa-vulkan-drivers) is installed. */
export function deviceSelectLayerInstalled(): boolean {
  return LAYER_FOLDERS.some((folder) =>
    existsSync(join(folder, 'VkLayer_MESA_device_select.json')),
  );
}

/** What placement needs to know about this machine: GPUs with their PCI address, the layer. */
export async function placementFacts(gpus: GpuDiscovery): Promise<PlacementFacts> {
  const busIds = gpus.devices.length === 0 ? new Map<number, string>() : await discoverPciBusIds();
  return {
    platform: process.platform,
    gpus: gpus.devices.map((gpu) => ({
      index: gpu.index,
      pciBusId: busIds.get(gpu.index) ?? null,
    })),
    deviceSelectLayer: deviceSelectLayerInstalled(),
  };
}

/** system.info's WebGPU section: the adapters and whether each GPU slot gets its own. */
export async function describeWebgpu(
  probeScript: string,
  gpus: GpuDiscovery,
): Promise<WebgpuAdapters> {
  const [list, facts] = await Promise.all([listAdaptersInChild(probeScript), placementFacts(gpus)]);
  const placement = describePlacement(facts);
  return {
    ...list,
    placement,
    slotEnvironments: facts.gpus.map((gpu) => ({
      gpuIndex: gpu.index,
      pciBusId: gpu.pciBusId,
      env: webgpuSlotEnvironment(facts, gpu.index),
    })),
  };
}
