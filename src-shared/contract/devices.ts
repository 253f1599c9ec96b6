import { z } from 'zod';
import { gpuSchema } from './system';
import { idSchema, isoTimeSchema } from './runs';

export const deviceSlotSchema = z.object({
  id: z.string(),
  kind: z.enum(['gpu', 'cpu']),
  gpuIndex: z.number().int().nonnegative().nullable(),
  label: z.string(),
  /** The run on this slot now, or null when free. */
  runId: idSchema.nullable(),
});

export const devicesListResultSchema = z.object({
  slots: z.array(deviceSlotSchema),
  gpus: z.array(gpuSchema),
  /** Why GPUs are missing (no driver, nvidia-smi failed), or null. */
  gpuReason: z.string().nullable(),
});

export const deviceSampleSchema = z.object({
  gpuIndex: z.number().int().nonnegative(),
  at: isoTimeSchema,
  utilizationPercent: z.number().min(0).max(100).nullable(),
  memoryUsedMiB: z.number().nonnegative().nullable(),
  memoryTotalMiB: z.number().nonnegative().nullable(),
});
export type DeviceSample = z.infer<typeof deviceSampleSchema>;

export const devicesSamplesParamsSchema = z
  .object({
    gpuIndex: z.number().int().nonnegative().optional(),
    /** Only samples taken at or after this time (ISO 8601, e.g. 2026-01-31T12:00:00Z). */
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  })
  .strict();

export const devicesSamplesResultSchema = z.object({ samples: z.array(deviceSampleSchema) });
