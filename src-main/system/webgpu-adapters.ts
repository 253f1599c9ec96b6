import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  webgpuAdapterSchema,
  type ProbeErrand,
  type WebgpuAdapters,
} from '@shared/contract/system';
import {
  describePlacement,
  type PlacementFacts,
  webgpuSlotEnvironment,
} from '@shared/devices/webgpu-placement';
import type { GpuDiscovery } from '@shared/devices/nvidia-smi';
import type { ChildLauncher } from '../child/launcher';
import { nodeLauncher } from '../child/node-launcher';
import { runChild } from '../child/run-child';
import { discoverPciBusIds } from './gpus';

/** The probe child's answer to `probe.js adapters`. */
export const adapterListSchema = z.strictObject({
  adapters: z.array(webgpuAdapterSchema),
  reason: z.string().nullable(),
});
export type AdapterList = z.infer<typeof adapterListSchema>;

/** Lists the WebGPU adapters Dawn sees, in a child: loading Dawn can crash or hang a process. */
export async function listAdaptersInChild(
  probeScript: string,
  launcher: ChildLauncher = nodeLauncher,
): Promise<AdapterList> {
  const errand: ProbeErrand = { errand: 'adapters' };
  const outcome = await runChild(launcher, probeScript, errand, adapterListSchema, {
    name: 'The WebGPU adapter probe',
    timeoutMs: 60_000,
  });
  return outcome.ok ? outcome.reply : { adapters: [], reason: outcome.message };
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
