import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  checkpointSidecarSchema,
  type CheckpointSidecar,
} from '@shared/contract/checkpoint-sidecar';
import { describeZodIssues } from '@shared/contract/zod-issues';

export const SIDECAR_FILE = 'checkpoint.json';

/** Reads a checkpoint folder's checkpoint.json; an error names the file and what is wrong in it. */
export async function readCheckpointSidecar(folder: string): Promise<CheckpointSidecar> {
  const file = join(folder, SIDECAR_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const parsed = checkpointSidecarSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeZodIssues(parsed.error.issues, raw).map((problem) => problem.text);
    throw new Error(`${file} is not a Basin checkpoint sidecar: ${problems.join('; ')}`);
  }
  return parsed.data;
}
