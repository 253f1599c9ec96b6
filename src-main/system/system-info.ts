import { availableParallelism, cpus, totalmem } from 'node:os';
import type { BackendProbe, SystemInfo, WebgpuAdapters } from '@shared/contract/system';
import { name as appName, version as appVersion } from '../../package.json';
import { probeBackends, type ProbeOptions } from './backends';
import { discoverGpus } from './gpus';
import { describeWebgpu } from './webgpu-adapters';

export type SystemInfoSource = () => Promise<SystemInfo>;

/**
 * GPUs are asked afresh on every call (their memory and load change); the backend probe costs a
 * few child processes and cannot change while this process lives, so it runs once.
 */
export function createSystemInfoSource(options: ProbeOptions): SystemInfoSource {
  let backends: Promise<BackendProbe[]> | undefined;
  let webgpu: Promise<WebgpuAdapters> | undefined;
  return async () => {
    const gpus = await discoverGpus();
    backends ??= probeBackends(gpus, options);
    webgpu ??= describeWebgpu(options.probeScript, gpus);
    const processors = cpus();
    return {
      app: { name: appName, version: appVersion },
      runtime: {
        node: process.versions.node,
        electron: process.versions.electron ?? null,
        v8: process.versions.v8,
        platform: process.platform,
        arch: process.arch,
      },
      cpu: {
        model: processors[0]?.model.trim() ?? 'unknown',
        // Some containers hide /proc/cpuinfo, leaving cpus() empty.
        cores: processors.length || availableParallelism(),
        memoryBytes: totalmem(),
      },
      gpus,
      backends: await backends,
      webgpu: await webgpu,
    };
  };
}
