import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemInfoSchema } from '@shared/contract/system';
import { tempDataDir } from '../lab/testing/lab-fixture';
import { repoRoot, requireBuiltApp } from '../testing/built-app';
import { SWIFTSHADER_ICD } from '../child/webgpu-dawn';

let root: string;
let dataDir: string;
let cleanUp: () => void;

beforeAll(() => {
  requireBuiltApp();
  ({ root, dataDir, cleanUp } = tempDataDir());
});
afterAll(() => cleanUp());

/** Runs the built `basin` command with extra environment. */
function basin(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'basin.cjs'), ...args],
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

const software = { BASIN_WEBGPU_SOFTWARE: '1' };

describe('basin info', () => {
  it('prints system.info as JSON, WebGPU adapters and placement included', async () => {
    const { code, stdout } = await basin({}, 'info', '--json');
    expect(code).toBe(0);
    const info = systemInfoSchema.parse(JSON.parse(stdout));
    expect(info.backends.map((b) => b.name)).toContain('webgpu');
    expect(info.webgpu.placement.text).not.toBe('');
  });
});

describe.skipIf(!existsSync(SWIFTSHADER_ICD))(
  'webgpu on SwiftShader through the CLI',
  { timeout: 300_000 },
  () => {
    it('basin info lists the software adapter with its limits when allowed', async () => {
      const { code, stdout } = await basin(software, 'info');
      expect(code).toBe(0);
      expect(stdout).toMatch(/SwiftShader driver .*, software/);
      expect(stdout).toMatch(/maxBufferSize \d+\.\d MB, maxStorageBufferBindingSize \d+\.\d MB/);
    });

    it('basin run trains restarts, snapshots and SWA on webgpu; basin show names backend and adapter', async () => {
      const spec = {
        schemaVersion: 1,
        name: 'webgpu end to end',
        data: {
          source: {
            kind: 'builtin',
            dataset: 'spirals',
            generator: { samples: 120, noise: 0.1, seed: 0 },
          },
        },
        model: {
          layers: [
            { type: 'dense', units: 8, activation: 'relu' },
            { type: 'batchNorm' },
            { type: 'dense', units: 1, activation: 'sigmoid' },
          ],
        },
        optimization: { optimizer: { kind: 'sgd', learningRate: 0.05 } },
        training: { epochs: 3, batchSize: 32, seed: 3, backend: 'webgpu' },
        strategy: {
          restarts: { count: 2 },
          snapshot: { cycles: 2, initialLr: 0.05 },
          swa: { startEpoch: 2, swaLr: 0.01, annealEpochs: 1 },
        },
      };
      const file = join(root, 'webgpu.json');
      writeFileSync(file, JSON.stringify(spec));
      const run = await basin(software, 'run', file, '--data-dir', dataDir, '--cpu-slots', '1');
      expect(run.stderr).not.toMatch(/failed/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/2 succeeded runs/);
      const show = await basin({}, 'show', '1', '--data-dir', dataDir);
      expect(show.code).toBe(0);
      expect(show.stdout).toContain('webgpu-software:0 (webgpu)');
      expect(show.stdout).toMatch(/engine {4}webgpu on GPU \(WebGPU: SwiftShader/);
      expect(show.stdout).toMatch(
        /adapter {3}SwiftShader driver .* \(google swiftshader .*\), software/,
      );
      expect(show.stdout).toMatch(/memory {4}tensors .* GPU buffers/);
    });
  },
);
