import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINE_FILE, runEngineSchema, type RunEngine } from '@shared/contract/run-engine';
import { runFolder } from './run-folders';

/**
 * The engine record a run's trainer left in its folder; null for a run that never got as far as
 * choosing a backend (or ran before Basin kept one). A damaged file is an error naming it.
 */
export async function readRunEngine(dataDir: string, runId: number): Promise<RunEngine | null> {
  const path = join(runFolder(dataDir, runId), ENGINE_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = runEngineSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not an engine record Basin can read`);
  return parsed.data;
}
