import { z } from 'zod';

/**
 * The TCP link between the lab and a trainer that runs elsewhere (a Slurm job): the trainer
 * protocol's messages (trainer-protocol.ts) carried in length-prefixed JSON frames, plus a
 * handshake and acknowledgements so that a trainer which loses the lab keeps training and, once
 * reconnected, resends exactly what the lab had not acknowledged.
 *
 * trainer → lab: `hello` first on every connection, then `message`s numbered 1, 2, … per trainer
 * process (its `incarnation`). lab → trainer: `welcome` with the last sequence number it holds
 * from that incarnation, `ack`s, and `message`s (start, cancel).
 */
export const LAB_LINK_VERSION = 1;

/** Where the trainer finds the lab and proves which run it trains (job environment). */
export const LAB_ADDRESS_ENV = 'BASIN_LAB_ADDRESS';
export const LAB_TOKEN_ENV = 'BASIN_LAB_TOKEN';

export const helloFrameSchema = z.strictObject({
  kind: z.literal('hello'),
  version: z.number().int(),
  token: z.string().min(16),
  /** Random per trainer process: a new process (after a crash or a resubmission) is a new one. */
  incarnation: z.string().min(1),
  /** The node the trainer runs on, and the GPUs Slurm gave it (CUDA_VISIBLE_DEVICES), if any. */
  node: z.string(),
  gpus: z.string().nullable(),
});

export const trainerMessageFrameSchema = z.strictObject({
  kind: z.literal('message'),
  seq: z.number().int().positive(),
  message: z.unknown(),
});

export const trainerFrameSchema = z.discriminatedUnion('kind', [
  helloFrameSchema,
  trainerMessageFrameSchema,
]);
export type TrainerFrame = z.infer<typeof trainerFrameSchema>;

export const labFrameSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('welcome'), ackedSeq: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('ack'), seq: z.number().int().nonnegative() }),
  z.strictObject({ kind: z.literal('message'), message: z.unknown() }),
  /** The lab refuses this connection (unknown token, other version); the trainer gives up. */
  z.strictObject({ kind: z.literal('refused'), reason: z.string() }),
]);
export type LabFrame = z.infer<typeof labFrameSchema>;
