import {
  BACKENDS_BEST_FIRST,
  backendProbeSchema,
  type BackendName,
  type BackendProbe,
  type BackendProbeRequest,
} from '@shared/contract/system';
import type { GpuDiscovery } from '@shared/devices/nvidia-smi';
import type { ChildLauncher } from '../child/launcher';
import { nodeLauncher } from '../child/node-launcher';
import { runChild } from '../child/run-child';

export interface ProbeOptions {
  /** The built probe child, out/main/probe.js. */
  probeScript: string;
  /** How the lab starts children (utilityProcess under Electron); child_process.fork by default. */
  launcher?: ChildLauncher;
  timeoutMs?: number;
}

function unavailable(name: BackendName, reason: string, probeMs: number): BackendProbe {
  return { name, available: false, reason, tfjsVersion: null, probeMs };
}

/** Runs one probe child and turns every way it can end into a BackendProbe. */
export async function probeInChild(
  name: BackendName,
  options: ProbeOptions,
): Promise<BackendProbe> {
  const started = performance.now();
  const request: BackendProbeRequest = { backend: name };
  const outcome = await runChild(
    options.launcher ?? nodeLauncher,
    options.probeScript,
    request,
    backendProbeSchema,
    { name: `The ${name} probe`, timeoutMs: options.timeoutMs ?? 60_000 },
  );
  const elapsed = Math.round(performance.now() - started);
  if (!outcome.ok) return unavailable(name, outcome.message, elapsed);
  return outcome.reply.name === name
    ? outcome.reply
    : unavailable(name, `The ${name} probe answered for ${outcome.reply.name}.`, elapsed);
}

/**
 * Probes every candidate in its own child. The GPU build of TensorFlow is only tried where
 * nvidia-smi found a GPU: without one it would silently run on the CPU and claim to be a GPU.
 */
export function probeBackends(gpus: GpuDiscovery, options: ProbeOptions): Promise<BackendProbe[]> {
  return Promise.all(
    BACKENDS_BEST_FIRST.map((name) =>
      name === 'tensorflow-gpu' && gpus.devices.length === 0
        ? Promise.resolve(unavailable(name, `No NVIDIA GPU was found: ${gpus.reason}`, 0))
        : probeInChild(name, options),
    ),
  );
}
