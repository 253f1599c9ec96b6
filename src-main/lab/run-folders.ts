import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckpointSidecar } from '@shared/contract/checkpoint-sidecar';
import { readCheckpointSidecar } from '../checkpoints/sidecar';

/** Each run's checkpoints live in their own folder under the data folder: `runs/<id>/`. */
export function runFolder(dataDir: string, runId: number): string {
  return join(dataDir, 'runs', String(runId));
}

/** Forgets every file a run wrote, before it starts again from scratch or is deleted. */
export async function removeRunFolder(dataDir: string, runId: number): Promise<void> {
  await rm(runFolder(dataDir, runId), { recursive: true, force: true });
}

async function readSidecar(folder: string): Promise<CheckpointSidecar | null> {
  try {
    return await readCheckpointSidecar(folder);
  } catch {
    return null;
  }
}

export interface ResumePoint {
  path: string;
  epoch: number;
  createdAt: string;
}

/**
 * The resume checkpoint a run continues from: the newest one on disk whose epoch's metrics were
 * committed (of two at that epoch, the later written, which got further into the next epoch). The
 * lab may have died after the trainer replaced its resume checkpoint but before the lab recorded
 * the new one or committed that epoch's metrics, so the disk, not the database, says which exist;
 * resuming past the last committed epoch would leave a gap in the curves. Folders whose name starts
 * with a dot are atomic writes a killed trainer left unfinished, never checkpoints. Null when there
 * is none to use, and the run starts from scratch.
 */
export async function findResumePoint(
  folder: string,
  lastCommittedEpoch: number,
): Promise<ResumePoint | null> {
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return null;
  }
  let best: ResumePoint | null = null;
  for (const entry of entries) {
    // A dot folder is an atomic write's staging or retired copy (files/atomic-write.ts): a trainer
    // killed mid-write (kill -9, Slurm's TIMEOUT) leaves one whose sidecar is there but not the rest.
    if (entry.startsWith('.')) continue;
    const path = join(folder, entry);
    const sidecar = await readSidecar(path);
    if (sidecar?.kind !== 'resume' || sidecar.epoch > lastCommittedEpoch) continue;
    const { epoch, createdAt } = sidecar;
    if (best === null || epoch > best.epoch || (epoch === best.epoch && createdAt > best.createdAt))
      best = { path, epoch, createdAt };
  }
  return best;
}
