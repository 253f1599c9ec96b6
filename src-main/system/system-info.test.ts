import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemInfoSchema, type SystemInfo } from '@shared/contract/system';
import { repoRoot, requireBuiltApp } from '../testing/built-app';
import { createSystemInfoSource } from './system-info';

/** Whether @tensorflow/tfjs-node's native addon was installed; offline installs skip it. */
function nativeTensorflowInstalled(): boolean {
  const lib = join(repoRoot, 'node_modules/@tensorflow/tfjs-node/lib');
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some((dir) => existsSync(join(lib, dir, 'tfjs_binding.node')));
}

describe('system info with the real backend probe (integration)', () => {
  let info: SystemInfo;

  beforeAll(async () => {
    const { probeScript } = requireBuiltApp();
    info = await createSystemInfoSource({ probeScript })();
  });

  it('matches the contract and describes this machine', () => {
    expect(systemInfoSchema.parse(info)).toEqual(info);
    expect(info.cpu.cores).toBe(cpus().length);
    expect(info.runtime.node).toBe(process.versions.node);
    expect(info.runtime.electron).toBeNull();
    expect(info.app.name).toBe('basin');
  });

  it('probes every backend, best first', () => {
    expect(info.backends.map((backend) => backend.name)).toEqual([
      'tensorflow-gpu',
      'webgpu',
      'tensorflow',
      'wasm',
      'cpu',
    ]);
  });

  it('finds wasm and cpu available with the TF.js version they loaded', () => {
    for (const name of ['wasm', 'cpu']) {
      const probe = info.backends.find((backend) => backend.name === name);
      expect(probe).toMatchObject({ available: true, reason: null, tfjsVersion: '4.22.0' });
      expect(probe?.probeMs).toBeGreaterThan(0);
    }
  });

  it('reports native TensorFlow as unavailable, with the reason, where its addon is missing', () => {
    const tensorflow = info.backends.find((backend) => backend.name === 'tensorflow');
    expect(tensorflow?.available).toBe(nativeTensorflowInstalled());
    if (!tensorflow?.available) expect(tensorflow?.reason).toMatch(/@tensorflow\/tfjs-node/);
  });

  it('tries the GPU build only where nvidia-smi found a GPU, else says why not', () => {
    const gpu = info.backends.find((backend) => backend.name === 'tensorflow-gpu');
    if (info.gpus.devices.length === 0) {
      expect(gpu).toMatchObject({
        available: false,
        reason: `No NVIDIA GPU was found: ${info.gpus.reason}`,
        probeMs: 0,
      });
    } else {
      expect(gpu?.probeMs).toBeGreaterThan(0);
      if (!gpu?.available) expect(gpu?.reason).toMatch(/@tensorflow\/tfjs-node-gpu/);
    }
  });

  it('runs the probe once per process', async () => {
    const source = createSystemInfoSource({ probeScript: requireBuiltApp().probeScript });
    const [first, second] = [await source(), await source()];
    expect(second.backends).toBe(first.backends);
  });
});
