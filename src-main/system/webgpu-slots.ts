import type { DeviceSlot } from '@shared/scheduling/device-pool';
import type { GpuDiscovery } from '@shared/devices/nvidia-smi';
import { adapterText } from '@shared/devices/engine-text';
import {
  SOFTWARE_SLOT_ENV,
  softwareAllowed,
  webgpuSlotEnvironment,
} from '@shared/devices/webgpu-placement';
import { listAdaptersInChild, placementFacts } from './webgpu-adapters';

/**
 * Gives each GPU slot the variables that put its WebGPU trainer on its own GPU, and, with
 * BASIN_WEBGPU_SOFTWARE=1 on a machine without NVIDIA GPUs, one GPU slot for the software adapter
 * (SwiftShader) Basin finds, named as such. Without the switch no software slot, ever.
 */
export async function addWebgpuPlacement(
  pool: readonly DeviceSlot[],
  gpus: GpuDiscovery,
  probeScript: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DeviceSlot[]> {
  const facts = await placementFacts(gpus);
  const placed = pool.map((slot) =>
    slot.gpuIndex === null
      ? slot
      : { ...slot, adapterEnv: webgpuSlotEnvironment(facts, slot.gpuIndex) },
  );
  if (!softwareAllowed(env) || gpus.devices.length > 0) return placed;
  const { adapters } = await listAdaptersInChild(probeScript);
  const software = adapters.find((adapter) => adapter.software);
  if (software === undefined) return placed;
  const slot: DeviceSlot = {
    id: 'webgpu-software:0',
    kind: 'gpu',
    gpuIndex: null,
    label: `Software WebGPU adapter: ${adapterText(software)} (BASIN_WEBGPU_SOFTWARE=1)`,
    adapterEnv: SOFTWARE_SLOT_ENV,
  };
  return [slot, ...placed];
}
