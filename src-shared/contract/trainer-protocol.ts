/**
 * Messages between the lab core and a trainer child process. Bump the version whenever a message
 * changes shape; each side refuses a peer that speaks another version.
 */
export const TRAINER_PROTOCOL_VERSION = 1;

export type ParentToTrainer =
  | { type: 'start'; version: number; job: unknown }
  | { type: 'cancel' };

export type TrainerToParent =
  | { type: 'ready'; version: number; backend: string; device: string; tfjsVersion: string; skipped: { backend: string; reason: string }[] }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'failed'; code: string; message: string; diagnosis: string | null };
