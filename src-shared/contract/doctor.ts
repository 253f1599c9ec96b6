import { z } from 'zod';
import { backendNameSchema } from './system';

/** What `basin doctor` asks its child (out/main/doctor.js): a short fixed training on a backend. */
export const doctorRequestSchema = z.strictObject({
  backend: backendNameSchema,
  steps: z.number().int().positive(),
});
export type DoctorRequest = z.infer<typeof doctorRequestSchema>;

/** What one backend's fixed training came to. */
export const doctorResultSchema = z.strictObject({
  backend: z.string(),
  /** How the trainer's backend selection described the device. */
  device: z.string(),
  data: z.string(),
  steps: z.number().int(),
  batchSize: z.number().int(),
  /** Mean loss of the last step's batch. */
  finalLoss: z.number(),
  samplesPerSecond: z.number(),
  /** The peak bytes TF.js held in GPU buffers (webgpu), else null. */
  gpuBytes: z.number().nullable(),
});
export type DoctorResult = z.infer<typeof doctorResultSchema>;

/** The doctor child's answer: a result, or why the backend could not train. */
export const doctorReplySchema = z.union([
  doctorResultSchema,
  z.strictObject({ backend: z.string(), error: z.string() }),
]);
export type DoctorReply = z.infer<typeof doctorReplySchema>;
