import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SWIFTSHADER_ICD } from '../../child/webgpu-dawn';
import { GpuErrorWatch, type GpuError, type GpuErrorSource } from './webgpu-errors';

interface DawnForTest {
  create(flags: string[]): {
    requestAdapter(): Promise<{ requestDevice(): Promise<DawnDeviceForTest> } | null>;
  };
  globals: Record<string, unknown>;
}

interface DawnDeviceForTest extends GpuErrorSource {
  limits: { maxBufferSize: number };
  createBuffer(descriptor: { size: number; usage: number }): unknown;
  queue: { onSubmittedWorkDone(): Promise<void> };
}

async function softwareDevice(): Promise<{ device: DawnDeviceForTest; dawn: DawnForTest }> {
  process.env.VK_ICD_FILENAMES ??= SWIFTSHADER_ICD;
  const name: string = 'webgpu';
  const loaded = (await import(name)) as DawnForTest & { default?: DawnForTest };
  const dawn = loaded.default ?? loaded;
  const adapter = await dawn.create([]).requestAdapter();
  if (adapter === null) throw new Error('SwiftShader gave no adapter');
  return { device: await adapter.requestDevice(), dawn };
}

const STORAGE = 0x80;

describe.skipIf(!existsSync(SWIFTSHADER_ICD))('GPU errors while training, on Dawn', () => {
  it('fail the run on the first error the device reports, which nothing threw', async () => {
    const { device } = await softwareDevice();
    const watch = new GpuErrorWatch();
    watch.watch(device);
    expect(watch.failure()).toBeNull();

    // A buffer past the device's limit: Dawn reports it on the device and hands back an invalid buffer.
    device.createBuffer({ size: device.limits.maxBufferSize + 4, usage: STORAGE });
    await device.queue.onSubmittedWorkDone();
    const failure = watch.failure();
    expect(failure?.code).toBe('internal');
    expect(failure?.message).toMatch(
      /^The GPU reported an error while training: .*max buffer size/,
    );
    expect(() => watch.throwIfFailed()).toThrow(failure?.message);
  }, 30_000);

  it('say what the model needs when the device ran out of memory', async () => {
    const { dawn } = await softwareDevice();
    const OutOfMemory = dawn.globals.GPUOutOfMemoryError as new (message: string) => GpuError;
    const listeners: ((event: { error: GpuError }) => void)[] = [];
    const watch = new GpuErrorWatch();
    watch.watch({ addEventListener: (_type, listener) => listeners.push(listener) });
    watch.describeNeeds({
      totalBytes: 50 * 1024 * 1024,
      largestBytes: 12.5 * 1024 * 1024,
      largestWhat: "layer 1 (dense)'s weights",
    });
    // Dawn's own error class, as it arrives when an allocation fails.
    for (const listener of listeners) listener({ error: new OutOfMemory('Allocation failed') });

    const failure = watch.failure();
    expect(failure?.code).toBe('out_of_memory');
    expect(failure?.message).toMatch(
      /^Out of GPU memory while training: the model needs about 50\.0 MB \(its largest tensor, layer 1 \(dense\)'s weights, about 12\.5 MB\), more than the adapter allows .*\(Dawn: Allocation failed\)/,
    );
  }, 30_000);
});
