import type { SystemInfo } from '@shared/contract/system';
import { adapterText, megabytes } from '@shared/devices/engine-text';
import { builtPaths } from '../paths';
import { createSystemInfoSource } from '../system/system-info';

/** system.info as `basin info` prints it: CPU, NVIDIA GPUs, backends, WebGPU adapters, placement. */
export function formatSystemInfo(info: SystemInfo): string {
  const lines = [
    `Basin ${info.app.version} on Node ${info.runtime.node} (${info.runtime.platform}-${info.runtime.arch})`,
    `CPU      ${info.cpu.model}, ${info.cpu.cores} cores, ${megabytes(info.cpu.memoryBytes)}`,
  ];
  for (const gpu of info.gpus.devices) {
    const memory = gpu.memoryTotalMiB === null ? 'memory unknown' : `${gpu.memoryTotalMiB} MiB`;
    lines.push(`GPU ${gpu.index}    ${gpu.name}, ${memory}, driver ${gpu.driverVersion ?? '?'}`);
  }
  if (info.gpus.devices.length === 0) lines.push(`GPUs     none (${info.gpus.reason ?? ''})`);
  lines.push('', 'Backends (best first):');
  for (const backend of info.backends) {
    const state = backend.available
      ? `available, TF.js ${backend.tfjsVersion ?? '?'}`
      : backend.reason;
    lines.push(`  ${backend.name.padEnd(15)} ${state ?? ''}`);
  }
  lines.push('', 'WebGPU adapters:');
  for (const adapter of info.webgpu.adapters) {
    lines.push(
      `  ${adapterText(adapter)}`,
      `    maxBufferSize ${megabytes(adapter.maxBufferSize)}, maxStorageBufferBindingSize ${megabytes(adapter.maxStorageBufferBindingSize)}${adapter.software ? ' (used only with BASIN_WEBGPU_SOFTWARE=1)' : ''}`,
    );
  }
  if (info.webgpu.adapters.length === 0) lines.push(`  none: ${info.webgpu.reason ?? ''}`);
  lines.push(`Placement: ${info.webgpu.placement.text}`);
  for (const slot of info.webgpu.slotEnvironments) {
    const env = Object.entries(slot.env).map(([k, v]) => `${k}=${v}`);
    lines.push(
      `  GPU ${slot.gpuIndex} (${slot.pciBusId ?? 'no PCI address'}): ${env.length === 0 ? 'no adapter selection' : env.join(' ')}`,
    );
  }
  return lines.join('\n');
}

/** `basin info [--json]`: probes this machine the way the lab does (backends in child processes). */
export async function infoCommand(json: boolean, mainDir: string): Promise<string> {
  const info = await createSystemInfoSource({ probeScript: builtPaths(mainDir).probeScript })();
  return json ? JSON.stringify(info, null, 2) : formatSystemInfo(info);
}
