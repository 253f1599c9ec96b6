import { execFile } from 'node:child_process';
import {
  interpretNvidiaSmi,
  NVIDIA_SMI_ARGS,
  type GpuDiscovery,
  type NvidiaSmiOutcome,
} from '@shared/devices/nvidia-smi';
import { NVIDIA_SMI_PCI_ARGS, parsePciBusIds } from '@shared/devices/webgpu-placement';

function runNvidiaSmi(args: readonly string[], timeoutMs: number): Promise<NvidiaSmiOutcome> {
  return new Promise((resolve) => {
    execFile(
      'nvidia-smi',
      [...args],
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
  return interpretNvidiaSmi(await runNvidiaSmi(NVIDIA_SMI_ARGS, timeoutMs));
}

/** GPU index → PCI bus id (`00000000:18:00.0`), empty where nvidia-smi is missing or fails. */
export async function discoverPciBusIds(timeoutMs = 5_000): Promise<Map<number, string>> {
  const outcome = await runNvidiaSmi(NVIDIA_SMI_PCI_ARGS, timeoutMs);
  return outcome.kind === 'exited' && outcome.exitCode === 0
    ? parsePciBusIds(outcome.stdout)
    : new Map();
}
