import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDevicePool, slotEnvironment } from '../scheduling/device-pool';
import { parseNvidiaSmiCsv } from './nvidia-smi';
import {
  describePlacement,
  driPrimeTag,
  parsePciBusIds,
  softwareAllowed,
  webgpuSlotEnvironment,
  type PlacementFacts,
} from './webgpu-placement';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** The eight H100s of eight-gpus.txt with the PCI addresses of pci-eight-gpus.txt. */
function eightGpus(overrides: Partial<PlacementFacts> = {}): PlacementFacts {
  const ids = parsePciBusIds(fixture('pci-eight-gpus.txt'));
  const { devices } = parseNvidiaSmiCsv(fixture('eight-gpus.txt'));
  return {
    platform: 'linux',
    gpus: devices.map((gpu) => ({ index: gpu.index, pciBusId: ids.get(gpu.index) ?? null })),
    deviceSelectLayer: true,
    ...overrides,
  };
}

describe('parsePciBusIds', () => {
  it('reads index and bus id of every GPU', () => {
    const ids = parsePciBusIds(fixture('pci-eight-gpus.txt'));
    expect(ids.size).toBe(8);
    expect(ids.get(0)).toBe('00000000:18:00.0');
    expect(ids.get(7)).toBe('00000000:DB:00.0');
  });

  it('leaves out rows without an address and lines that are not rows', () => {
    const ids = parsePciBusIds(fixture('pci-unreadable.txt'));
    expect([...ids]).toEqual([[0, '00000001:C1:00.0']]);
  });
});

describe('driPrimeTag', () => {
  it('writes the form the device-select layer parses (pci-%04x_%02x_%02x_%1u)', () => {
    expect(driPrimeTag('00000000:9A:00.0')).toBe('pci-0000_9a_00_0');
    expect(driPrimeTag('0001:c1:1f.7')).toBe('pci-0001_c1_1f_7');
  });

  it('refuses what is not a bus id, naming it', () => {
    expect(() => driPrimeTag('GPU-0')).toThrow('"GPU-0" is not a PCI bus id');
  });
});

describe('slot → adapter mapping', () => {
  it('puts two slots on two GPUs on two different adapters', () => {
    const facts = eightGpus();
    const gpus = facts.gpus.map((g) => ({ index: g.index, name: 'NVIDIA H100 80GB HBM3' }));
    const pool = buildDevicePool({ gpus, useGpus: [0, 4], slotsPerGpu: 2, cpuSlots: 0 }).map(
      (slot) => ({ ...slot, adapterEnv: webgpuSlotEnvironment(facts, slot.gpuIndex ?? -1) }),
    );
    const envs = pool.map((slot) => slotEnvironment(slot));
    expect(envs.map((env) => env.DRI_PRIME)).toEqual([
      'pci-0000_18_00_0',
      'pci-0000_18_00_0',
      'pci-0000_9a_00_0',
      'pci-0000_9a_00_0',
    ]);
    expect(envs.map((env) => env.CUDA_VISIBLE_DEVICES)).toEqual(['0', '0', '4', '4']);
    for (const env of envs) expect(env.MESA_VK_DEVICE_SELECT_FORCE_DEFAULT_DEVICE).toBe('1');
    expect(describePlacement(facts).perGpu).toBe(true);
  });

  it('says so, and sets nothing, where the machine cannot choose an adapter per slot', () => {
    const cases: [Partial<PlacementFacts>, RegExp][] = [
      [{ deviceSelectLayer: false }, /device-select layer is not installed/],
      [{ platform: 'win32' }, /on win32 Basin cannot choose/],
      [
        { gpus: [...eightGpus().gpus.slice(0, 7), { index: 7, pciBusId: null }] },
        /no PCI address for GPU 7/,
      ],
    ];
    for (const [overrides, text] of cases) {
      const facts = eightGpus(overrides);
      expect(describePlacement(facts)).toMatchObject({
        perGpu: false,
        text: expect.stringMatching(text),
      });
      if (overrides.gpus === undefined) expect(webgpuSlotEnvironment(facts, 0)).toEqual({});
    }
  });

  it('needs no choice with one GPU or none', () => {
    expect(
      describePlacement({ platform: 'linux', gpus: [], deviceSelectLayer: false }).perGpu,
    ).toBe(true);
    const one = {
      platform: 'darwin',
      gpus: [{ index: 0, pciBusId: null }],
      deviceSelectLayer: false,
    };
    expect(describePlacement(one).perGpu).toBe(true);
  });
});

describe('softwareAllowed', () => {
  it('is on only for BASIN_WEBGPU_SOFTWARE=1', () => {
    expect(softwareAllowed({ BASIN_WEBGPU_SOFTWARE: '1' })).toBe(true);
    for (const value of [undefined, '0', 'true', '']) {
      expect(softwareAllowed({ BASIN_WEBGPU_SOFTWARE: value })).toBe(false);
    }
  });
});
