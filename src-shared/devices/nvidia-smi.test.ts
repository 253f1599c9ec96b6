import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gpuSchema } from '../contract/system';
import { interpretNvidiaSmi, parseNvidiaSmiCsv } from './nvidia-smi';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function exited(stdout: string, exitCode: number | null = 0, stderr = '') {
  return interpretNvidiaSmi({ kind: 'exited', exitCode, stdout, stderr });
}

describe('parseNvidiaSmiCsv', () => {
  it('reads one GPU with every column', () => {
    const { devices, unreadable } = parseNvidiaSmiCsv(fixture('one-gpu.txt'));
    expect(unreadable).toEqual([]);
    expect(devices).toEqual([
      {
        index: 0,
        name: 'NVIDIA GeForce RTX 3090',
        memoryTotalMiB: 24576,
        memoryUsedMiB: 1043,
        utilizationPercent: 7,
        driverVersion: '550.54.14',
      },
    ]);
  });

  it('reads eight GPUs in order, each valid against the contract', () => {
    const { devices, unreadable } = parseNvidiaSmiCsv(fixture('eight-gpus.txt'));
    expect(unreadable).toEqual([]);
    expect(devices.map((gpu) => gpu.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(devices.every((gpu) => gpu.name === 'NVIDIA H100 80GB HBM3')).toBe(true);
    expect(devices.map((gpu) => gpu.memoryUsedMiB)).toEqual([
      70211, 70211, 70207, 70207, 2, 2, 2, 12,
    ]);
    expect(devices[7]?.utilizationPercent).toBe(3);
    for (const gpu of devices) expect(gpuSchema.parse(gpu)).toEqual(gpu);
  });

  it('turns [N/A], [Not Supported] and bare N/A into null and skips blank lines', () => {
    const { devices, unreadable } = parseNvidiaSmiCsv(fixture('not-available.txt'));
    expect(unreadable).toEqual([]);
    expect(devices).toEqual([
      {
        index: 0,
        name: 'NVIDIA GB10',
        memoryTotalMiB: null,
        memoryUsedMiB: null,
        utilizationPercent: 0,
        driverVersion: '580.95.05',
      },
      {
        index: 1,
        name: 'Tesla T4',
        memoryTotalMiB: 15360,
        memoryUsedMiB: 0,
        utilizationPercent: null,
        driverVersion: null,
      },
    ]);
  });

  it('keeps a name that contains commas and accepts Windows line endings', () => {
    const { devices } = parseNvidiaSmiCsv('3, Quadro RTX, Max-Q, 8192, 100, 5, 472.12\r\n');
    expect(devices[0]?.name).toBe('Quadro RTX, Max-Q');
    expect(devices[0]?.memoryTotalMiB).toBe(8192);
  });

  it('leaves every garbage line unread instead of inventing a GPU', () => {
    const { devices, unreadable } = parseNvidiaSmiCsv(fixture('garbage.txt'));
    expect(devices).toEqual([]);
    expect(unreadable).toHaveLength(6);
    expect(unreadable[0]).toMatch(/^index, name/);
    expect(unreadable).toContain('2, NVIDIA A100-SXM4-80GB, 81920, 0, 250, 535.104.05');
  });
});

describe('interpretNvidiaSmi', () => {
  it('reports GPUs with no reason when every row was read', () => {
    const discovery = exited(fixture('eight-gpus.txt'));
    expect(discovery.devices).toHaveLength(8);
    expect(discovery.reason).toBeNull();
  });

  it('keeps the driver error as the reason when nvidia-smi fails', () => {
    const discovery = exited(fixture('driver-error.txt'), 9);
    expect(discovery.devices).toEqual([]);
    expect(discovery.reason).toBe(
      "nvidia-smi exited with 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    );
  });

  it('uses stderr when stdout is empty and says when the process was killed', () => {
    const discovery = exited(
      '',
      null,
      'Failed to initialize NVML: Driver/library version mismatch\n',
    );
    expect(discovery.reason).toBe(
      'nvidia-smi was killed: Failed to initialize NVML: Driver/library version mismatch',
    );
  });

  it('keeps the GPUs it could read next to a row that failed', () => {
    const stdout =
      fixture('one-gpu.txt') +
      'Unable to determine the device handle for GPU0000:41:00.0: Unknown Error\n';
    const discovery = exited(stdout, 15);
    expect(discovery.devices.map((gpu) => gpu.index)).toEqual([0]);
    expect(discovery.reason).toBe(
      'nvidia-smi exited with 15: Unable to determine the device handle for GPU0000:41:00.0: Unknown Error',
    );
  });

  it('says what it could not read when nvidia-smi succeeds with garbage', () => {
    const discovery = exited(fixture('garbage.txt'));
    expect(discovery.devices).toEqual([]);
    expect(discovery.reason).toBe(
      'nvidia-smi printed a line Basin could not read: "index, name, memory.total [MiB], memory.used [MiB], utilization.gpu [%], driver_version" (and 5 more lines)',
    );
  });

  it('explains an empty listing, a missing binary and a timeout', () => {
    expect(exited('\n')).toEqual({ devices: [], reason: 'nvidia-smi ran but listed no GPUs.' });
    expect(interpretNvidiaSmi({ kind: 'not-installed' }).reason).toMatch(/not found on PATH/);
    expect(interpretNvidiaSmi({ kind: 'timed-out', afterMs: 5000 }).reason).toBe(
      'nvidia-smi did not answer within 5000 ms.',
    );
  });
});
