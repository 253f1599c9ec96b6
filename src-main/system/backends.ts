import { fork } from 'node:child_process';
import { backendProbeSchema, type BackendName, type BackendProbe } from '@shared/contract/system';
import type { GpuDiscovery } from '@shared/devices/nvidia-smi';

/** Best first, as the trainer will choose them. */
const backendCandidates: readonly BackendName[] = [
  'tensorflow-gpu',
  'webgpu',
  'tensorflow',
  'wasm',
  'cpu',
];

export interface ProbeOptions {
  /** The built probe child, out/main/probe.js. */
  probeScript: string;
  timeoutMs?: number;
}

function unavailable(name: BackendName, reason: string, probeMs: number): BackendProbe {
  return { name, available: false, reason, tfjsVersion: null, probeMs };
}

/** Runs one probe child and turns every way it can end into a BackendProbe. */
export function probeInChild(name: BackendName, options: ProbeOptions): Promise<BackendProbe> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const child = fork(options.probeScript, [name], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Under Electron, process.execPath is the Electron binary; this makes it behave as Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
    });
    let stderrTail = '';
    const timer = setTimeout(() => {
      finish(unavailable(name, `The probe did not finish within ${timeoutMs} ms.`, elapsed()));
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (probe: BackendProbe) => {
      clearTimeout(timer);
      resolve(probe);
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2_000);
    });
    child.on('message', (message) => {
      const parsed = backendProbeSchema.safeParse(message);
      finish(
        parsed.success && parsed.data.name === name
          ? parsed.data
          : unavailable(name, 'The probe sent a reply Basin could not read.', elapsed()),
      );
    });
    child.on('error', (error) => {
      finish(unavailable(name, `The probe could not start: ${error.message}`, elapsed()));
    });
    // 'close' comes after every message and stream of the child; only the first finish counts.
    child.on('close', (code, signal) => {
      const lastLine = stderrTail.trim().split('\n').at(-1) ?? '';
      const how = signal === null ? `exited with ${code}` : `was killed by ${signal}`;
      finish(
        unavailable(name, `The probe ${how} without an answer. ${lastLine}`.trim(), elapsed()),
      );
    });
  });
}

/**
 * Probes every candidate in its own child. The GPU build of TensorFlow is only tried where
 * nvidia-smi found a GPU: without one it would silently run on the CPU and claim to be a GPU.
 */
export function probeBackends(gpus: GpuDiscovery, options: ProbeOptions): Promise<BackendProbe[]> {
  return Promise.all(
    backendCandidates.map((name) =>
      name === 'tensorflow-gpu' && gpus.devices.length === 0
        ? Promise.resolve(unavailable(name, `No NVIDIA GPU was found: ${gpus.reason}`, 0))
        : probeInChild(name, options),
    ),
  );
}
