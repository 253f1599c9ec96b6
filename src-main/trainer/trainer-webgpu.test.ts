import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngineSchema } from '@shared/contract/run-engine';
import type { EpochMessage } from '@shared/contract/trainer-protocol';
import { SWIFTSHADER_ICD } from '../child/webgpu-dawn';
import { irisSpec } from './testing/specs';
import { runTrainer, type TrainerRun } from './testing/trainer-harness';

/**
 * The webgpu backend on SwiftShader, Chromium's software Vulkan driver (CI installs chromium):
 * the same seeded runs must match wasm. SwiftShader is ~20× slower than wasm, so these stay tiny.
 */
const software = { BASIN_WEBGPU_SOFTWARE: '1' };
/** A GPU slot (as the lab's device pool sets it), and a CPU slot. */
const gpuSlot = { ...software, CUDA_VISIBLE_DEVICES: '0' };
const cpuSlot = { ...software, CUDA_VISIBLE_DEVICES: '' };

function denseSpec(backend: string, epochs = 3): Record<string, unknown> {
  return irisSpec({
    model: {
      layers: [
        { type: 'dense', units: 16, activation: 'relu' },
        { type: 'batchNorm', momentum: 0.9 },
        { type: 'dropout', rate: 0.2 },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
    },
    optimization: { optimizer: { kind: 'adamw', learningRate: 0.01 } },
    training: {
      epochs,
      batchSize: 16,
      backend,
      gradientClipping: { kind: 'globalNorm', maxNorm: 5 },
    },
  });
}

function cnnSpec(backend: string): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name: 'small cnn',
    data: { source: { kind: 'builtin', dataset: 'breast-cancer' } },
    model: {
      layers: [
        { type: 'reshape', targetShape: [5, 6, 1] },
        { type: 'conv2d', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' },
        { type: 'maxPool2d' },
        { type: 'flatten' },
        { type: 'dense', units: 1, activation: 'sigmoid' },
      ],
    },
    optimization: { optimizer: { kind: 'rmsprop', learningRate: 0.01 } },
    training: { epochs: 2, batchSize: 32, seed: 2, backend },
  };
}

/** Every epoch's training and validation loss, in order. */
function losses(epochs: readonly EpochMessage[]): number[] {
  return epochs.flatMap((e) => [e.metrics['train.loss'] ?? NaN, e.metrics['val.loss'] ?? NaN]);
}

function expectSameLosses(actual: TrainerRun, expected: TrainerRun): void {
  const [a, b] = [losses(actual.epochs), losses(expected.epochs)];
  expect(a.length).toBe(b.length);
  a.forEach((value, i) => {
    const reference = b[i] as number;
    expect(Math.abs(value - reference) / Math.abs(reference)).toBeLessThan(1e-4);
  });
}

// Seconds alone; minutes when the whole suite shares two cores.
describe.skipIf(!existsSync(SWIFTSHADER_ICD))(
  'trainer on webgpu (SwiftShader)',
  { timeout: 300_000 },
  () => {
    it('trains a dense net with batch norm and dropout to wasm’s losses, and records the adapter', async () => {
      const [gpu, wasm] = await Promise.all([
        runTrainer({ spec: denseSpec('webgpu'), env: software }),
        runTrainer({ spec: denseSpec('wasm') }),
      ]);
      const ready = gpu.messages[0];
      expect(ready).toMatchObject({
        type: 'ready',
        backend: 'webgpu',
        adapter: { architecture: 'swiftshader', software: true },
      });
      expect(ready?.type === 'ready' && ready.kernels).toEqual([]);
      expect(gpu.epochs.at(-1)?.step).toBeGreaterThanOrEqual(20);
      expectSameLosses(gpu, wasm);
      const engine = runEngineSchema.parse(
        JSON.parse(readFileSync(join(gpu.checkpointDir, 'engine.json'), 'utf8')),
      );
      expect(engine.device).toMatch(/^GPU \(WebGPU: SwiftShader/);
      expect(engine.memory?.gpuBytes).toBeGreaterThan(0);
    });

    it('trains a small CNN to wasm’s losses', async () => {
      const [gpu, wasm] = await Promise.all([
        runTrainer({ spec: cnnSpec('webgpu'), env: software }),
        runTrainer({ spec: cnnSpec('wasm') }),
      ]);
      expect(gpu.messages[0]).toMatchObject({ type: 'ready', backend: 'webgpu', kernels: [] });
      expect(gpu.epochs.at(-1)?.step).toBeGreaterThanOrEqual(20);
      expectSameLosses(gpu, wasm);
    });

    it('never uses a software adapter without BASIN_WEBGPU_SOFTWARE=1', async () => {
      const run = await runTrainer({
        spec: denseSpec('webgpu', 1),
        env: { VK_ICD_FILENAMES: SWIFTSHADER_ICD },
      });
      expect(run.last).toMatchObject({ type: 'failed', code: 'backend_unavailable' });
      expect(run.last.type === 'failed' && run.last.message).toMatch(/BASIN_WEBGPU_SOFTWARE=1/);
    });

    it('auto: a GPU slot takes webgpu, a CPU slot wasm; checkpoints cross between them', async () => {
      const spec = denseSpec('auto', 2);
      const finals: number[] = [];
      for (const [first, second] of [
        [gpuSlot, cpuSlot],
        [cpuSlot, gpuSlot],
      ] as const) {
        const interrupted = await runTrainer({
          spec,
          env: first,
          cancelWhen: (message) => message.type === 'epoch' && message.epoch === 1,
        });
        if (interrupted.last.type !== 'cancelled') throw new Error('the run was not cancelled');
        const resumed = await runTrainer({
          spec,
          env: second,
          checkpointDir: interrupted.checkpointDir,
          resumeFrom: interrupted.last.resumePath,
        });
        const [before, after] = [interrupted.messages[0], resumed.messages[0]];
        for (const [ready, env] of [
          [before, first],
          [after, second],
        ] as const) {
          if (ready?.type !== 'ready') throw new Error('no ready message');
          expect(ready.backend).toBe(env === gpuSlot ? 'webgpu' : 'wasm');
          const webgpuSkipped = ready.skipped.find((s) => s.backend === 'webgpu');
          if (env === cpuSlot) expect(webgpuSkipped?.reason).toMatch(/CPU slot/);
        }
        expect(after).toMatchObject({ resumedAfterEpoch: 1 });
        expect(resumed.epochs.at(-1)?.epoch).toBe(2);
        finals.push(resumed.epochs.at(-1)?.metrics['val.loss'] ?? NaN);
      }
      const [viaGpu = NaN, viaCpu = NaN] = finals;
      expect(Math.abs(viaGpu - viaCpu) / Math.abs(viaCpu)).toBeLessThan(1e-4);
    });

    it('fails a model too big for the adapter with what it needs and what the adapter allows', async () => {
      const spec = irisSpec({
        model: {
          layers: [
            { type: 'dense', units: 300_000 },
            { type: 'dense', units: 3, activation: 'softmax' },
          ],
        },
        training: { epochs: 1, batchSize: 16, backend: 'webgpu' },
      });
      const run = await runTrainer({ spec, env: software });
      expect(run.last).toMatchObject({ type: 'failed', code: 'out_of_memory' });
      expect(run.last.type === 'failed' && run.last.message).toMatch(
        /needs about [\d.]+ MB, and its largest tensor, layer 1 \(dense\)'s output for 1024 rows, about 1171\.9 MB; the adapter allows 1024\.0 MB per buffer/,
      );
    });
  },
);
