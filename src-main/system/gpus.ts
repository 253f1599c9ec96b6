import { execFile } from 'node:child_process';
import {
  interpretNvidiaSmi,
  NVIDIA_SMI_ARGS,
  type GpuDiscovery,
  type NvidiaSmiOutcome,
} from '@shared/devices/nvidia-smi';

function runNvidiaSmi(timeoutMs: number): Promise<NvidiaSmiOutcome> {
  return new Promise((resolve) => {
    execFile(
      'nvidia-smi',
      [...NVIDIA_SMI_ARGS],
      { timeout: timeoutMs, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) return resolve({ kind: 'exited', exitCode: 0, stdout, stderr });
        if (error.code === 'ENOENT') return resolve({ kind: 'not-installed' });
        if (error.killed) return resolve({ kind: 'timed-out', afterMs: timeoutMs });
        const exitCode = typeof error.code === 'number' ? error.code : null;
        resolve({ kind: 'exited', exitCode, stdout, stderr });
      },
    );
  });
}

/** Asks nvidia-smi for the GPUs on this machine; never throws, a failure becomes the reason. */
export async function discoverGpus(timeoutMs = 5_000): Promise<GpuDiscovery> {
  return interpretNvidiaSmi(await runNvidiaSmi(timeoutMs));
}
