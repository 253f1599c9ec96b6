import { z } from 'zod';

export const gpuSchema = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  /** Null where nvidia-smi cannot say, e.g. GPUs that share system memory (DGX Spark / GB10). */
  memoryTotalMiB: z.number().nonnegative().nullable(),
  memoryUsedMiB: z.number().nonnegative().nullable(),
  utilizationPercent: z.number().min(0).max(100).nullable(),
  driverVersion: z.string().nullable(),
});
export type Gpu = z.infer<typeof gpuSchema>;

/** Every TF.js backend Basin knows, best first: the order the probe lists and the trainer prefers. */
export const backendNameSchema = z.enum(['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu']);
export type BackendName = z.infer<typeof backendNameSchema>;
export const BACKENDS_BEST_FIRST: readonly BackendName[] = backendNameSchema.options;

/** What the lab asks the probe child (out/main/probe.js): try this one backend. */
export const backendProbeRequestSchema = z.strictObject({ backend: backendNameSchema });
export type BackendProbeRequest = z.infer<typeof backendProbeRequestSchema>;

/** The probe child's other errands: list the WebGPU adapters; hold GPU memory for basin doctor. */
export const probeErrandSchema = z.discriminatedUnion('errand', [
  z.strictObject({ errand: z.literal('adapters') }),
  z.strictObject({ errand: z.literal('hold'), megabytes: z.number().int().positive() }),
]);
export type ProbeErrand = z.infer<typeof probeErrandSchema>;

export const backendProbeSchema = z.object({
  name: backendNameSchema,
  available: z.boolean(),
  /** Why it cannot be used here, in words a person understands; null when available. */
  reason: z.string().nullable(),
  tfjsVersion: z.string().nullable(),
  probeMs: z.number().nonnegative(),
});
export type BackendProbe = z.infer<typeof backendProbeSchema>;

/** One WebGPU adapter as Dawn reports it; `software` marks SwiftShader, lavapipe and the like. */
export const webgpuAdapterSchema = z.strictObject({
  vendor: z.string(),
  architecture: z.string(),
  device: z.string(),
  description: z.string(),
  /** Dawn for Node 0.6 does not report the driver version; null then. */
  driver: z.string().nullable(),
  software: z.boolean(),
  maxBufferSize: z.number().nonnegative(),
  maxStorageBufferBindingSize: z.number().nonnegative(),
});
export type WebgpuAdapter = z.infer<typeof webgpuAdapterSchema>;

/** What Dawn offers this machine, and whether each GPU slot gets its own adapter. */
export const webgpuAdaptersSchema = z.object({
  adapters: z.array(webgpuAdapterSchema),
  /** Why no adapter was listed, or null. */
  reason: z.string().nullable(),
  placement: z.object({ perGpu: z.boolean(), text: z.string() }),
  /** Per NVIDIA GPU: its PCI address and the variables that point a trainer's Vulkan at it. */
  slotEnvironments: z.array(
    z.object({
      gpuIndex: z.number().int().nonnegative(),
      pciBusId: z.string().nullable(),
      env: z.record(z.string(), z.string()),
    }),
  ),
});
export type WebgpuAdapters = z.infer<typeof webgpuAdaptersSchema>;

export const systemInfoSchema = z.object({
  app: z.object({ name: z.string(), version: z.string() }),
  runtime: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    v8: z.string(),
    platform: z.string(),
    arch: z.string(),
  }),
  cpu: z.object({ model: z.string(), cores: z.number().int().positive(), memoryBytes: z.number() }),
  gpus: z.object({ devices: z.array(gpuSchema), reason: z.string().nullable() }),
  backends: z.array(backendProbeSchema),
  webgpu: webgpuAdaptersSchema,
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;
